-- What the company file's Preferences say (HCP PreferencesQuery, docs/web-connector-protocol.md#hcp-response):
-- multi-currency and class tracking on/off, and the closing date (transactions on or before it are refused by
-- QuickBooks with 3171, so the connector refuses them before sending). NULL = not reported yet.
ALTER TABLE "qbwc_connections" ADD COLUMN "qb_multi_currency_on" BOOLEAN;
ALTER TABLE "qbwc_connections" ADD COLUMN "qb_class_tracking_on" BOOLEAN;
ALTER TABLE "qbwc_connections" ADD COLUMN "qb_closing_date" TEXT;
ALTER TABLE "qbwc_connections" ADD COLUMN "qb_preferences_at" TIMESTAMPTZ(3);
