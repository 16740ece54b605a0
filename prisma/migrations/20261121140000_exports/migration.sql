-- Export to QuickBooks with approval (issue 5): one row per Procore record being exported, and
-- company settings.

-- CreateTable
CREATE TABLE "export_records" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "record_type" TEXT NOT NULL,
    "procore_id" TEXT NOT NULL,
    "procore_project_id" TEXT,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_synced',
    "sent_by" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_comment" TEXT,
    "request_id" UUID,
    "preview" JSONB,
    "error_code" TEXT,
    "error_message" TEXT,
    "qb_status_code" INTEGER,
    "qb_status_message" TEXT,
    "qb_id" TEXT,
    "edit_sequence" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "export_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company_settings" (
    "company_id" UUID NOT NULL,
    "values" JSONB NOT NULL,
    "updated_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "company_settings_pkey" PRIMARY KEY ("company_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "export_records_company_id_record_type_procore_id_key" ON "export_records"("company_id", "record_type", "procore_id");

-- CreateIndex
CREATE INDEX "export_records_company_id_record_type_status_idx" ON "export_records"("company_id", "record_type", "status");

-- AddForeignKey
ALTER TABLE "export_records" ADD CONSTRAINT "export_records_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_settings" ADD CONSTRAINT "company_settings_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
