-- Issue 20 part 2: the job queue runs several jobs per process, keeps its schedules in the database and
-- forgets finished jobs after a while.

-- When the current run started (claim time), so "how long has the oldest running job run" is measured from
-- the claim, not from its last heartbeat (updated_at moves with every lease renewal).
ALTER TABLE jobs ADD COLUMN started_at TIMESTAMPTZ(3);

-- 'cancelled': a retry that found a newer queued job with its dedupe key folded into it (run-jobs.ts), so a
-- retry never collides with jobs_queued_dedupe_key. Finished like 'done'; retention deletes both.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')) NOT VALID;

-- One running job per dedupe key, whatever claims it (several runners per process, several instances): the
-- claim's NOT EXISTS reads a snapshot, so two concurrent claims could each miss the other; the index cannot.
CREATE UNIQUE INDEX jobs_running_dedupe_key ON jobs (company_id, dedupe_key) WHERE status = 'running' AND dedupe_key IS NOT NULL;

-- Retention (purge-finished-jobs.ts) deletes finished jobs by age in batches.
CREATE INDEX jobs_finished_at_idx ON jobs (finished_at) WHERE status IN ('done', 'cancelled');

-- Periodic work (reconciliation, refreshes, purges, retention). Not per company: each row is one task for the
-- whole deployment, fired by whichever instance first moves next_run_at (fire-due-schedules.ts).
CREATE TABLE job_schedules (
    name TEXT NOT NULL,
    interval_ms INTEGER NOT NULL,
    next_run_at TIMESTAMPTZ(3) NOT NULL,
    last_run_at TIMESTAMPTZ(3),
    -- The instance running it now (its token) and until when; a crashed instance's lease lapses and another fires it.
    lease_id TEXT,
    lease_until TIMESTAMPTZ(3),
    last_error TEXT,
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT job_schedules_pkey PRIMARY KEY (name),
    CONSTRAINT job_schedules_interval_check CHECK (interval_ms > 0)
);
