-- The QuickBooks user the Web Connector's application logs in as (HCP PreferencesRet CurrentAppAccessRights
-- AutomaticLoginUserName, docs/web-connector-protocol.md#hcp-response). A user other than Admin may have a role that
-- hides areas, and QuickBooks then leaves those records out of query answers without an error: the Connection screen
-- warns. NULL = not reported (the user signed in to QuickBooks).
ALTER TABLE "qbwc_connections" ADD COLUMN "qb_login_user" TEXT;
