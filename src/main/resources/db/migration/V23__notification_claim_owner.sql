-- Issue 11: a claim of a notification names its owner. Every claim (PENDING -> SENDING) takes a new number from
-- notification_claim_token; the writes that follow a claim (the outbound row and SENT, back to PENDING, REFUSED or
-- SKIPPED, FELL_BACK) are conditioned on the row still carrying that number, so a dispatcher that stalled past
-- tawasul.notifications.stale-claim after its claim, while another instance recovered and claimed the row again,
-- stores and sends nothing.
--   claim_token  the number of the row's latest claim; null: never claimed, or recovered after a stale claim
create sequence notification_claim_token;
alter table notification add column claim_token bigint;

-- The notification an outbound row carries (the e-mail sender reads the case number and the thread of a notification
-- mail by it).
create index notification_outbound on notification (outbound_message_id) where outbound_message_id is not null;
