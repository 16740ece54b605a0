-- QuickBooks import (issue 6): our copy of QuickBooks lists and cost transactions, where each cost line
-- was attributed, and the Procore records created from them.

CREATE TABLE "qb_list_entries" (
    "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
    "list_type" TEXT NOT NULL,
    "list_id" TEXT NOT NULL,
    "edit_sequence" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "parent_list_id" TEXT,
    "ret_element" TEXT,
    "is_active" BOOLEAN NOT NULL,
    "qb_modified_at" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "archived_by" TEXT,
    "deleted_at" TIMESTAMPTZ(3),
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "qb_list_entries_pkey" PRIMARY KEY ("company_id", "list_type", "list_id")
);
CREATE INDEX "qb_list_entries_company_id_list_type_full_name_idx" ON "qb_list_entries"("company_id", "list_type", "full_name");

CREATE TABLE "qb_transactions" (
    "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
    "txn_type" TEXT NOT NULL,
    "txn_id" TEXT NOT NULL,
    "edit_sequence" TEXT NOT NULL,
    "txn_date" TEXT NOT NULL,
    "ref_number" TEXT,
    "payee_list_id" TEXT,
    "amount_cents" BIGINT NOT NULL,
    "qb_modified_at" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "needs_push" BOOLEAN NOT NULL DEFAULT true,
    "pushed_edit_sequence" TEXT,
    "push_error_code" TEXT,
    "push_error_message" TEXT,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "qb_transactions_pkey" PRIMARY KEY ("company_id", "txn_type", "txn_id")
);
CREATE INDEX "qb_transactions_company_id_needs_push_idx" ON "qb_transactions"("company_id", "needs_push");

CREATE TABLE "qb_cost_lines" (
    "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
    "txn_type" TEXT NOT NULL,
    "txn_id" TEXT NOT NULL,
    "txn_line_id" TEXT NOT NULL,
    "line_kind" TEXT NOT NULL,
    "amount_cents" BIGINT NOT NULL,
    "job_list_id" TEXT,
    "item_list_id" TEXT,
    "account_list_id" TEXT,
    "class_list_id" TEXT,
    "memo" TEXT,
    "linked_txn_id" TEXT,
    "linked_txn_line_id" TEXT,
    "destination" TEXT,
    "procore_project_id" TEXT,
    "standard_cost_code_id" TEXT,
    "unattributed_code" TEXT,
    CONSTRAINT "qb_cost_lines_pkey" PRIMARY KEY ("company_id", "txn_type", "txn_id", "txn_line_id")
);
CREATE INDEX "qb_cost_lines_company_id_procore_project_id_idx" ON "qb_cost_lines"("company_id", "procore_project_id");

CREATE TABLE "procore_pushes" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
    "origin_id" TEXT NOT NULL,
    "source_type" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "procore_type" TEXT NOT NULL,
    "procore_project_id" TEXT,
    "procore_id" TEXT NOT NULL,
    "content_hash" TEXT,
    "amount_cents" BIGINT,
    "detail" JSONB,
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    CONSTRAINT "procore_pushes_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "procore_pushes_company_id_origin_id_key" ON "procore_pushes"("company_id", "origin_id");
CREATE INDEX "procore_pushes_company_id_source_type_source_id_idx" ON "procore_pushes"("company_id", "source_type", "source_id");
