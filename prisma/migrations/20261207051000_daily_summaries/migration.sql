-- The daily summary e-mail (issue 18, "Beyond Procore's own connector"): one row per company and day, claimed before
-- anything is sent (day = YYYY-MM-DD in UTC), so two server instances or a restart never send the same day's summary twice. A claim whose
-- sender died lapses at claimed_until; a failed send is marked failed and claimed again by the next attempt.
CREATE TABLE "daily_summaries" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claim_id" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "period_start" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "daily_summaries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "daily_summaries_company_id_day_key" ON "daily_summaries"("company_id", "day");
