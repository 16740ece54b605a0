-- Initial schema: companies, Web Connector connections and sessions, the request queue, record links, audit log.
-- Written in Prisma Migrate's layout and naming so `prisma migrate deploy` accepts it where the schema
-- engine is available; applied here by packages/db's migrator (DESIGN.md §8).

-- CreateTable
CREATE TABLE "companies" (
    "id" UUID NOT NULL,
    "procore_company_id" TEXT NOT NULL,
    "procore_environment" TEXT NOT NULL DEFAULT 'production',
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "companies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qbwc_connections" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "password_rotated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "file_id" TEXT NOT NULL,
    "bound_file_id" TEXT,
    "bound_company_file" TEXT,
    "bound_company_name" TEXT,
    "bound_at" TIMESTAMPTZ(3),
    "qb_product_name" TEXT,
    "qb_major_version" INTEGER,
    "qb_minor_version" INTEGER,
    "qb_country" TEXT,
    "qbxml_version" TEXT,
    "qbwc_client_version" TEXT,
    "run_every_minutes" INTEGER NOT NULL DEFAULT 15,
    "last_contact_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "qbwc_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_throttles" (
    "username" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "auth_throttles_pkey" PRIMARY KEY ("username")
);

-- CreateTable
CREATE TABLE "qbwc_sessions" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "ticket_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "company_file" TEXT,
    "qbwc_client_version" TEXT,
    "round_trips" INTEGER NOT NULL DEFAULT 0,
    "connection_errors" INTEGER NOT NULL DEFAULT 0,
    "requests_done" INTEGER NOT NULL DEFAULT 0,
    "requests_failed" INTEGER NOT NULL DEFAULT 0,
    "work_total" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "qbwc_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qbwc_messages" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "message_set_id" TEXT,
    "purpose" TEXT NOT NULL DEFAULT 'work',
    "status" TEXT NOT NULL,
    "request_xml" TEXT NOT NULL,
    "request_ids" UUID[],
    "recovers_id" UUID,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "qbwc_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queued_requests" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "priority" INTEGER NOT NULL DEFAULT 100,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "request_id" TEXT,
    "message_id" UUID,
    "iterator_id" TEXT,
    "iterator_session_id" UUID,
    "iterator_remaining" INTEGER,
    "records_received" INTEGER NOT NULL DEFAULT 0,
    "deferred_in_session_id" UUID,
    "result" JSONB,
    "status_code" INTEGER,
    "status_severity" TEXT,
    "status_message" TEXT,
    "error_code" TEXT,
    "error_message" TEXT,
    "requested_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "queued_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "record_links" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "procore_type" TEXT NOT NULL,
    "procore_id" TEXT NOT NULL,
    "qb_type" TEXT NOT NULL,
    "qb_id" TEXT NOT NULL,
    "edit_sequence" TEXT,
    "qb_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "record_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "direction" TEXT NOT NULL DEFAULT 'internal',
    "outcome" TEXT NOT NULL DEFAULT 'info',
    "subject_type" TEXT,
    "subject_id" TEXT,
    "detail" JSONB,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "companies_procore_environment_procore_company_id_key" ON "companies"("procore_environment", "procore_company_id");

-- CreateIndex
CREATE UNIQUE INDEX "qbwc_connections_company_id_key" ON "qbwc_connections"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "qbwc_connections_username_key" ON "qbwc_connections"("username");

-- CreateIndex
CREATE UNIQUE INDEX "qbwc_sessions_ticket_hash_key" ON "qbwc_sessions"("ticket_hash");

-- CreateIndex
CREATE INDEX "qbwc_sessions_company_id_state_idx" ON "qbwc_sessions"("company_id", "state");

-- CreateIndex
CREATE INDEX "qbwc_messages_company_id_status_idx" ON "qbwc_messages"("company_id", "status");

-- CreateIndex
CREATE INDEX "queued_requests_company_id_status_priority_created_at_idx" ON "queued_requests"("company_id", "status", "priority", "created_at");

-- CreateIndex
CREATE INDEX "queued_requests_company_id_dedupe_key_idx" ON "queued_requests"("company_id", "dedupe_key");

-- Not expressible in schema.prisma: at most one open (queued or sent) request per dedupe key, so a
-- double click or a retry can never queue the same work twice, even across server instances (DESIGN.md §7).
CREATE UNIQUE INDEX "queued_requests_open_dedupe_key" ON "queued_requests"("company_id", "dedupe_key") WHERE "status" IN ('queued', 'sent');

-- CreateIndex
CREATE UNIQUE INDEX "record_links_company_id_procore_type_procore_id_key" ON "record_links"("company_id", "procore_type", "procore_id");

-- CreateIndex
CREATE UNIQUE INDEX "record_links_company_id_qb_type_qb_id_key" ON "record_links"("company_id", "qb_type", "qb_id");

-- CreateIndex
CREATE INDEX "audit_entries_company_id_at_idx" ON "audit_entries"("company_id", "at");

-- CreateIndex
CREATE INDEX "audit_entries_company_id_subject_type_subject_id_idx" ON "audit_entries"("company_id", "subject_type", "subject_id");

-- AddForeignKey
ALTER TABLE "qbwc_connections" ADD CONSTRAINT "qbwc_connections_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qbwc_sessions" ADD CONSTRAINT "qbwc_sessions_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qbwc_messages" ADD CONSTRAINT "qbwc_messages_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qbwc_messages" ADD CONSTRAINT "qbwc_messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "qbwc_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queued_requests" ADD CONSTRAINT "queued_requests_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "record_links" ADD CONSTRAINT "record_links_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
