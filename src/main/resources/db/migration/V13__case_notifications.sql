-- Proactive case-status updates (issue 11): case events, who follows which case where, and the durable queue of
-- notifications (one row per event and address, sent through the outbox).

-- A change of a case as the case system reported it (push), the watch mode found it, or a CSV import made it.
--   event_id     the case system's id (push) or one we make (watch: "watch-<case>-<updatedAt|status>",
--                import: "import-<case>-<updatedAt|status>"); the same id twice is one event
--   contacts     the case's registered contacts as "<channel>:<address>" (e.g. "sms:+966500000001")
--   fanned_out_at when its notifications were queued (null: not yet; the fan-out job picks it up)
create table case_event (
    id               bigserial    primary key,
    event_id         varchar(128) not null,
    source           varchar(16)  not null check (source in ('PUSH', 'WATCH', 'IMPORT')),
    case_number      varchar(64)  not null,
    status           varchar(64)  not null,
    status_label_ar  text,
    status_label_en  text,
    department_ar    text,
    department_en    text,
    next_step_ar     text,
    next_step_en     text,
    updated_at       timestamptz,
    contacts         text[]       not null default '{}',
    received_at      timestamptz  not null default now(),
    fanned_out_at    timestamptz,
    constraint case_event_key unique (event_id)
);
create index case_event_unfanned on case_event (id) where fanned_out_at is null;
create index case_event_case on case_event (case_number, id desc);

-- Who is told of a case's changes, on which channel and address.
--   source      ASKER (a registered contact who asked about it there) or REGISTERED (a registered SMS contact)
--   bot_address our address to write from; null = the channel's default sender (tawasul.notifications.sms-from)
--   stopped_at  "STOP <case>" received: no longer told
create table case_follower (
    id               bigserial    primary key,
    case_number      varchar(64)  not null,
    channel          varchar(16)  not null,
    citizen_address  varchar(128) not null,
    bot_address      varchar(128),
    locale           varchar(8),
    source           varchar(16)  not null check (source in ('ASKER', 'REGISTERED')),
    created_at       timestamptz  not null default now(),
    stopped_at       timestamptz,
    constraint case_follower_key unique (case_number, channel, citizen_address)
);

-- One notification of one event to one address: the durable queue (PENDING, due at due_at), drained in id order
-- per address. At most one per (event, channel, address).
--   state  PENDING (waiting for due_at), SENDING (claimed by a dispatcher), SENT (an outbound row exists:
--          outbound_message_id), SUPERSEDED (a newer status of the same case for the same address came first),
--          FELL_BACK (Messenger outside the window: an SMS notification took its place), REFUSED (the send policy
--          refused it: reason), SKIPPED (nothing to send it from: reason)
create table notification (
    id                   bigserial    primary key,
    case_event_id        bigint       not null references case_event (id),
    case_number          varchar(64)  not null,
    channel              varchar(16)  not null,
    citizen_address      varchar(128) not null,
    bot_address          varchar(128),
    locale               varchar(8)   not null,
    state                varchar(16)  not null check (state in ('PENDING', 'SENDING', 'SENT', 'SUPERSEDED',
                                                                 'FELL_BACK', 'REFUSED', 'SKIPPED')),
    due_at               timestamptz  not null,
    attempts             integer      not null default 0,
    outbound_message_id  bigint       references outbound_message (id),
    reason               varchar(32),
    detail               text,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    constraint notification_key unique (case_event_id, channel, citizen_address)
);
create index notification_due on notification (due_at, id) where state = 'PENDING';
create index notification_address on notification (channel, citizen_address, id);
create index notification_case_sent on notification (case_number, channel, citizen_address, updated_at)
    where state = 'SENT';
create index notification_stale on notification (updated_at) where state = 'SENDING';
