-- Reports (issue 10): what each case query found, and the indexes the report statements read by.
-- Reports read counts and timings only: retention may null texts, payloads and addresses, never these.

-- One row per case number the bot looked up for an inbound message (written by CaseQueries):
--   position    the number's place in the message (0 first), so that a message handled twice records once
--   outcome     FOUND, NOT_FOUND, UNAVAILABLE (case system down), LAST_KNOWN (answered from the last case event)
--   status      the case system's status code (FOUND, LAST_KNOWN), else null
--   department  the case's department as the case system names it (English label, else Arabic), else null
create table case_query (
    inbound_message_id  bigint       not null references inbound_message (id) on delete cascade,
    position            smallint     not null,
    channel             varchar(16)  not null,
    asked_at            timestamptz  not null,
    outcome             varchar(16)  not null
        check (outcome in ('FOUND', 'NOT_FOUND', 'UNAVAILABLE', 'LAST_KNOWN')),
    status              varchar(64),
    department          varchar(256),
    primary key (inbound_message_id, position)
);
create index case_query_asked on case_query (asked_at, channel) include (outcome, status, department);

-- messages per period and channel: index-only range scans on the arrival / queue time
create index inbound_received on inbound_message (received_at, channel) include (conversation_id, state, intent);
create index outbound_created on outbound_message (created_at, channel)
    include (origin, status, error_code, inbound_message_id, sent_at, from_echo);
-- conversations started in a period
create index conversation_created on conversation (created_at, channel);
-- handoffs: requests for a person, and the agents' messages after them
create index inbound_person_requests on inbound_message (received_at) include (conversation_id, channel)
    where intent = 'ASK_FOR_PERSON';
create index outbound_agent on outbound_message (conversation_id, created_at) include (sent_by)
    where origin = 'AGENT' and not from_echo;
-- waiting now (gauge and report)
create index conversation_waiting on conversation (waiting_since) where state = 'WAITING_FOR_AGENT';
-- opt-outs per period
create index opt_out_at on opt_out (opted_out_at);
