-- QuickBooks Online connection (issue 22, the connection piece). A company keeps QuickBooks Desktop (the Web
-- Connector, today's behaviour and the default) or moves to QuickBooks Online; an Online company has one
-- connection to one QBO company (realm) over Intuit's OAuth 2.0.

-- The accounting edition of the company: 'desktop' (Web Connector) or 'online' (QuickBooks Online API).
ALTER TABLE "companies" ADD COLUMN "accounting_edition" TEXT NOT NULL DEFAULT 'desktop';
ALTER TABLE "companies" ADD CONSTRAINT "companies_accounting_edition_check"
  CHECK ("accounting_edition" IN ('desktop', 'online')) NOT VALID;

-- Which sign-in an OAuth state belongs to, so a state started for one provider cannot finish the other's callback.
ALTER TABLE "oauth_states" ADD COLUMN "provider" TEXT NOT NULL DEFAULT 'procore';
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_provider_check"
  CHECK ("provider" IN ('procore', 'qbo')) NOT VALID;

-- One QuickBooks Online connection per company. Tokens are encrypted with the key ring of the Procore tokens
-- (v1.<keyId>.<iv>.<tag>.<ciphertext>, AAD qbo:<company>:access|refresh). Intuit rotates the refresh token on
-- every refresh and only the latest works (OAuth FAQ), so the pair is always written in one UPDATE, by the one
-- instance holding the refresh lease.
CREATE TABLE "qbo_connections" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "realm_id" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "company_name" TEXT,
    "status" TEXT NOT NULL,
    "access_token_enc" TEXT,
    "refresh_token_enc" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "refresh_lease_id" TEXT,
    "refresh_lease_until" TIMESTAMPTZ(3),
    "last_refreshed_at" TIMESTAMPTZ(3),
    "connected_at" TIMESTAMPTZ(3),
    "connected_by" TEXT,
    "last_error_code" TEXT,
    "last_error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "qbo_connections_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "qbo_connections_status_check" CHECK ("status" IN ('connected', 'needs_reconnect', 'disconnected')),
    CONSTRAINT "qbo_connections_environment_check" CHECK ("environment" IN ('sandbox', 'production'))
);

CREATE UNIQUE INDEX "qbo_connections_company_id_key" ON "qbo_connections"("company_id");

ALTER TABLE "qbo_connections" ADD CONSTRAINT "qbo_connections_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
