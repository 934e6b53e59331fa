-- The bundled sample cases (public demo data shown by the web chat to a new user) are marked, so that the
-- disclosure rule can tell them from real cases: an imported CSV or the REST connector never sets it.
alter table cases add column demo boolean not null default false;

-- Audit actions of this session's features (reports export, citizen data rights, retention, identity links), added
-- in one place so that later migrations need not replace the list again.
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check check (action in (
    'LOGIN', 'LOGIN_FAILED', 'LOGIN_LOCKED', 'LOGOUT',
    'TRANSCRIPT_VIEWED', 'TAKEOVER', 'REASSIGN', 'REPLY', 'HANDBACK', 'CLOSE',
    'USER_CREATED', 'USER_CHANGED', 'CANNED_REPLY_CHANGED',
    'REPORT_EXPORTED', 'CITIZEN_DATA_EXPORTED', 'CITIZEN_DATA_ERASED', 'RETENTION_APPLIED', 'IDENTITY_LINK_REVOKED'));
