-- Answers owed after a case-system outage (issue 15): a citizen told "we cannot check the case right now, try again
-- in a few minutes" (lookup UNAVAILABLE, no last known status) is answered once the case system is back, within
-- tawasul.cases.retry-window. Written by CaseFollowUps only. One row per inbound message, so at most one follow-up
-- per message (the primary key); the follow-up itself is an outbound_message of origin NOTIFICATION, linked here by
-- outbound_message_id: outbound_reply_key keeps its rule, one BOT reply per inbound message.
--   case_numbers  the numbers still owed, space-separated, in the order asked (not those answered the first time)
--   locale        the language of the first answer
--   asked_at      when the inbound message arrived (the retry window runs from it)
--   state         OWED (due_at: next try) → SENDING (claimed by one instance) → SENT, or SKIPPED with a reason
--                 (ASKED_AGAIN, HELD_BY_PERSON, OPTED_OUT, NOT_ANSWERED, RETRY_WINDOW, INTERRUPTED, a refusal)
create table case_follow_up (
    inbound_message_id   bigint       primary key references inbound_message (id) on delete cascade,
    conversation_id      bigint       not null references conversation (id) on delete cascade,
    case_numbers         varchar(256) not null,
    locale               varchar(8)   not null,
    asked_at             timestamptz  not null,
    state                varchar(16)  not null default 'OWED'
        check (state in ('OWED', 'SENDING', 'SENT', 'SKIPPED')),
    reason               varchar(32),
    due_at               timestamptz  not null default now(),
    attempts             integer      not null default 0,
    outbound_message_id  bigint       references outbound_message (id) on delete set null,
    updated_at           timestamptz  not null default now()
);
create index case_follow_up_owed on case_follow_up (due_at, inbound_message_id) where state = 'OWED';
create index case_follow_up_claimed on case_follow_up (updated_at) where state = 'SENDING';
