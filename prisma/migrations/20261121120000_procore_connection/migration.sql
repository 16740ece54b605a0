-- Procore connection (issue 4): OAuth tokens (encrypted), sign-in states, webhook hooks and deliveries,
-- durable jobs, our copy of Procore records, and named sync cursors.

-- CreateTable
CREATE TABLE "procore_connections" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "grant_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "status_message" TEXT,
    "access_token_enc" TEXT,
    "refresh_token_enc" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "procore_user_id" TEXT,
    "procore_user_login" TEXT,
    "procore_user_name" TEXT,
    "refresh_lease_id" TEXT,
    "refresh_lease_until" TIMESTAMPTZ(3),
    "last_refreshed_at" TIMESTAMPTZ(3),
    "connected_at" TIMESTAMPTZ(3),
    "connected_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "procore_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_states" (
    "state_hash" TEXT NOT NULL,
    "company_id" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "oauth_states_pkey" PRIMARY KEY ("state_hash")
);

-- CreateTable
CREATE TABLE "procore_webhook_hooks" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "procore_hook_id" TEXT NOT NULL,
    "destination_url" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "triggers" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "procore_webhook_hooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "procore_webhook_deliveries" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "ulid" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "procore_project_id" TEXT,
    "outcome" TEXT NOT NULL,
    "job_id" UUID,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "procore_webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupe_key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 8,
    "lease_id" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "error_code" TEXT,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "procore_records" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "resource_type" TEXT NOT NULL,
    "procore_id" TEXT NOT NULL,
    "procore_project_id" TEXT,
    "origin_id" TEXT,
    "data" JSONB NOT NULL,
    "procore_updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "procore_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_cursors" (
    "company_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_cursors_pkey" PRIMARY KEY ("company_id", "name")
);

-- CreateIndex
CREATE UNIQUE INDEX "procore_connections_company_id_key" ON "procore_connections"("company_id");

-- CreateIndex
CREATE INDEX "oauth_states_company_id_idx" ON "oauth_states"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "procore_webhook_hooks_company_id_key" ON "procore_webhook_hooks"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "procore_webhook_deliveries_company_id_ulid_key" ON "procore_webhook_deliveries"("company_id", "ulid");

-- CreateIndex
CREATE INDEX "procore_webhook_deliveries_company_id_received_at_idx" ON "procore_webhook_deliveries"("company_id", "received_at");

-- CreateIndex
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at");

-- CreateIndex
CREATE INDEX "jobs_company_id_kind_status_idx" ON "jobs"("company_id", "kind", "status");

-- One waiting job per dedupe key: a burst of webhook events for one record becomes one job. A running job
-- does not count, so a change that arrives while it runs is fetched again afterwards (Prisma cannot
-- express a partial index, so it lives only here).
CREATE UNIQUE INDEX "jobs_queued_dedupe_key" ON "jobs"("company_id", "dedupe_key") WHERE "status" = 'queued' AND "dedupe_key" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "procore_records_company_id_resource_type_procore_id_key" ON "procore_records"("company_id", "resource_type", "procore_id");

-- CreateIndex
CREATE INDEX "procore_records_company_id_resource_type_procore_project_id_idx" ON "procore_records"("company_id", "resource_type", "procore_project_id");

-- AddForeignKey
ALTER TABLE "procore_connections" ADD CONSTRAINT "procore_connections_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "procore_webhook_hooks" ADD CONSTRAINT "procore_webhook_hooks_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "procore_webhook_deliveries" ADD CONSTRAINT "procore_webhook_deliveries_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "procore_records" ADD CONSTRAINT "procore_records_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
