-- QuickBooks Online API calls per company and month (issue 22: "reads cost money on QBO"). Under the Intuit App
-- Partner Program the Accounting API's data-out calls (reads, queries, CDC: "CorePlus") are metered per app and
-- month, data-in calls (create, update, delete, batch: "Core") are not; a Builder-tier app is blocked for the rest
-- of the month past 500,000 CorePlus calls. Counted per HTTP send (retries included), flushed from memory in one
-- statement every few seconds and at shutdown (packages/sync/src/qbo/meter-qbo-calls.ts). Intuit's own usage chart
-- stays the authority; this is what the connector can show the company.
CREATE TABLE "qbo_api_calls" (
    "company_id" UUID NOT NULL,
    -- YYYY-MM, UTC
    "month" TEXT NOT NULL,
    -- CorePlus: GET reads, /query, /cdc (metered)
    "read_calls" INTEGER NOT NULL DEFAULT 0,
    -- Core: POST creates/updates/deletes and /batch requests (not metered)
    "write_calls" INTEGER NOT NULL DEFAULT 0,
    -- Writes by operation: a batch request counts each of its items
    "write_operations" INTEGER NOT NULL DEFAULT 0,
    -- Answered 429 (Intuit's throttle), whichever kind
    "throttled_calls" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qbo_api_calls_pkey" PRIMARY KEY ("company_id", "month"),
    CONSTRAINT "qbo_api_calls_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
