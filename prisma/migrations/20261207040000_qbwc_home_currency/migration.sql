-- The home currency of a multi-currency company file (HCP PreferencesRet MultiCurrencyPreferences HomeCurrencyRef
-- FullName, docs/web-connector-protocol.md#hcp-response). Job costs in another currency are converted with QuickBooks'
-- own exchange rate, and a commitment for a vendor whose QuickBooks currency is not this one is refused at export
-- (docs/integration-map.md#currencies). NULL = multi-currency off, or not reported.
ALTER TABLE "qbwc_connections" ADD COLUMN "qb_home_currency" TEXT;
