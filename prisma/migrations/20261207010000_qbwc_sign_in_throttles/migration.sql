-- Issue 16, item 3: failed Web Connector sign-ins are counted per (username, source address), with a delay
-- that doubles instead of a hard lock, so nobody can lock a company's Web Connector out by guessing from
-- elsewhere. The per-username table it replaces locked the right password out too; its rows only held locks.
DROP TABLE "auth_throttles";

CREATE TABLE "qbwc_sign_in_throttles" (
    "username" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "first_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "qbwc_sign_in_throttles_pkey" PRIMARY KEY ("username", "source")
);
CREATE INDEX "qbwc_sign_in_throttles_last_failure_at_idx" ON "qbwc_sign_in_throttles"("last_failure_at");
