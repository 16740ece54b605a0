-- What was sent to QuickBooks Online for a queued request (issue 22, packages/sync/src/qbo/deliver-qbo-requests.ts):
-- the rendered write (entity, operation, payload) and, for a write sent in a batch, the batch's requestid and the
-- item's bId. Stored before the call, so a delivery resumed after a crash or a lost answer resends exactly the same
-- batch under the same requestid (Intuit replays its first answer) instead of rendering anew: a batch whose items
-- changed between two sends would get a new requestid and write again what the first send wrote. NULL for a request
-- not yet sent, and for every Web Connector request.
ALTER TABLE "queued_requests" ADD COLUMN "qbo_sent" JSONB;
