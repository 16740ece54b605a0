-- Issue 14: a Procore create (subcontractor invoice, contract payment) is announced here and committed before
-- it is sent; a retry finds an open intent and looks the record up in Procore by origin_id before sending again.
CREATE TABLE "procore_create_intents" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
    "origin_id" TEXT NOT NULL,
    "procore_type" TEXT NOT NULL,
    "procore_project_id" TEXT NOT NULL,
    "source_type" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "push" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "procore_id" TEXT,
    "lease_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "procore_create_intents_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "procore_create_intents_company_id_origin_id_key" ON "procore_create_intents"("company_id", "origin_id");
CREATE INDEX "procore_create_intents_company_id_status_idx" ON "procore_create_intents"("company_id", "status");
