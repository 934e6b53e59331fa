-- Enumerations stay stored by name (operators read them in SQL), now checked by the database, one name per value
-- of the Java enums (gov.tawasul.engine.model.*). Event positions: every change a person watching would care
-- about takes the next value of one sequence, so that a subscriber that missed events catches up from the tables.

-- Conversation state: BOT, WAITING_FOR_AGENT, WITH_AGENT, CLOSED (the former HANDOFF is a person holding it)
update conversation set state = 'WITH_AGENT' where state = 'HANDOFF';
alter table conversation add constraint conversation_state_check
    check (state in ('BOT', 'WAITING_FOR_AGENT', 'WITH_AGENT', 'CLOSED'));

alter table inbound_message add constraint inbound_state_check
    check (state in ('RECEIVED', 'ANSWERED', 'IGNORED', 'HANDED_OFF', 'FAILED'));
alter table inbound_message add constraint inbound_kind_check
    check (kind in ('TEXT', 'POSTBACK', 'ATTACHMENT', 'ECHO'));

-- Outbound origin: BOT, AGENT (a person typed it: our console, or the provider's own inbox, seen as an echo),
-- NOTIFICATION, SYSTEM. A row recorded from an echo is flagged so that the bot's own row can replace it.
alter table outbound_message add column from_echo boolean not null default false;
update outbound_message set from_echo = true, origin = 'AGENT' where origin = 'STAFF';
alter table outbound_message add constraint outbound_origin_check
    check (origin in ('BOT', 'AGENT', 'NOTIFICATION', 'SYSTEM'));
-- only a bot reply answers an inbound message
alter table outbound_message add constraint outbound_reply_origin_check
    check (inbound_message_id is null or origin = 'BOT');

-- In flight is SENDING (our call to the provider running, or the provider took it and is sending it: Twilio
-- queued/accepted/sending). QUEUED is only "waiting for us": a retry is due at next_attempt_at.
update outbound_message set status = 'SENDING' where status = 'QUEUED' and next_attempt_at is null;
alter table outbound_message add constraint outbound_status_check
    check (status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'READ', 'UNDELIVERED', 'FAILED'));
drop index outbound_due;
create index outbound_due on outbound_message (next_attempt_at) where status = 'QUEUED';
create index outbound_in_flight on outbound_message (updated_at) where status = 'SENDING' and provider_message_id is null;

-- How the message left: SMS segments it cost (GSM-7 160/153, UCS-2 70/67), and the channel's send options
-- (JSON object of strings, e.g. {"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT"} on Messenger)
alter table outbound_message add column segments integer;
alter table outbound_message add column send_options text;

alter table delivery_receipt add constraint receipt_status_check
    check (status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'READ', 'UNDELIVERED', 'FAILED'));

create sequence conversation_event_position;
alter table conversation add column position bigint not null default nextval('conversation_event_position');
alter table inbound_message add column position bigint not null default nextval('conversation_event_position');
alter table outbound_message add column position bigint not null default nextval('conversation_event_position');
create index conversation_position on conversation (position);
create index inbound_position on inbound_message (position);
create index outbound_position on outbound_message (position);
