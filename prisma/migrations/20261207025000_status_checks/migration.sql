-- Status columns hold only the states the code knows (the lists beside each model in schema.prisma), so a typo
-- or a new state added in one place only fails at the write instead of leaving a row no screen can show.
-- NOT VALID: rows already written are not re-checked (a deployed database starts whatever it holds); every new
-- or changed row is.
ALTER TABLE qbwc_sessions ADD CONSTRAINT qbwc_sessions_state_check
  CHECK (state IN ('authenticated', 'exchanging', 'closed', 'failed', 'expired')) NOT VALID;
ALTER TABLE qbwc_messages ADD CONSTRAINT qbwc_messages_status_check
  CHECK (status IN ('sent', 'answered', 'lost', 'recovered', 'abandoned')) NOT VALID;
ALTER TABLE queued_requests ADD CONSTRAINT queued_requests_status_check
  CHECK (status IN ('queued', 'sent', 'done', 'failed', 'cancelled')) NOT VALID;
ALTER TABLE procore_connections ADD CONSTRAINT procore_connections_status_check
  CHECK (status IN ('connected', 'needs_sign_in', 'disconnected')) NOT VALID;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'failed')) NOT VALID;
ALTER TABLE export_records ADD CONSTRAINT export_records_status_check
  CHECK (status IN ('not_synced', 'sent_to_accounting', 'approved', 'rejected', 'queued', 'in_flight', 'synced', 'failed', 'dismissed')) NOT VALID;
ALTER TABLE procore_pushes ADD CONSTRAINT procore_pushes_status_check
  CHECK (status IN ('active', 'deleted')) NOT VALID;
ALTER TABLE procore_create_intents ADD CONSTRAINT procore_create_intents_status_check
  CHECK (status IN ('open', 'created', 'not_created')) NOT VALID;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_status_check
  CHECK (status IN ('in_progress', 'done', 'withheld')) NOT VALID;
ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_direction_check
  CHECK (direction IN ('to_quickbooks', 'from_quickbooks', 'to_procore', 'from_procore', 'internal')) NOT VALID;
ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_outcome_check
  CHECK (outcome IN ('ok', 'error', 'info')) NOT VALID;
