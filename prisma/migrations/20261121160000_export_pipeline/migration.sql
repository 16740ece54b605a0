-- Export pipeline (issue 5): what was read from Procore, choices made at export, what a record waits for,
-- the 3200 field differences, and the lines of the QuickBooks transactions we keep in step.

ALTER TABLE "export_records" ADD COLUMN "source" JSONB;
ALTER TABLE "export_records" ADD COLUMN "options" JSONB;
ALTER TABLE "export_records" ADD COLUMN "waiting_on" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "export_records" ADD COLUMN "field_differences" JSONB;

ALTER TABLE "record_links" ADD COLUMN "lines" JSONB;

-- CreateIndex
CREATE INDEX "export_records_company_id_request_id_idx" ON "export_records"("company_id", "request_id");
