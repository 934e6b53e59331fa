-- Conversations, inbound and outbound messages, delivery receipts, opt-outs.
-- Enumerations are stored by name (varchar) so that operators can read them in SQL.

create table conversation (
    id               bigserial primary key,
    channel          varchar(16)  not null,
    citizen_address  varchar(128) not null,
    bot_address      varchar(128) not null,
    citizen_name     varchar(256),
    locale           varchar(8),
    state            varchar(16)  not null default 'BOT',
    last_inbound_at  timestamptz,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint conversation_key unique (channel, citizen_address, bot_address)
);
create index conversation_updated on conversation (updated_at desc);

create table inbound_message (
    id                   bigserial primary key,
    conversation_id      bigint       not null references conversation (id),
    channel              varchar(16)  not null,
    provider_message_id  varchar(256) not null,
    kind                 varchar(16)  not null,
    text                 text         not null default '',
    payload              text,
    sent_at              timestamptz  not null,
    received_at          timestamptz  not null default now(),
    state                varchar(16)  not null default 'RECEIVED',
    intent               varchar(32),
    case_numbers         varchar(256),
    processed_at         timestamptz,
    constraint inbound_provider_key unique (channel, provider_message_id)
);
create index inbound_pending on inbound_message (conversation_id, id) where state = 'RECEIVED';
create index inbound_conversation on inbound_message (conversation_id, id);

create table outbound_message (
    id                   bigserial primary key,
    conversation_id      bigint       not null references conversation (id),
    inbound_message_id   bigint       references inbound_message (id),
    origin               varchar(16)  not null default 'BOT',
    channel              varchar(16)  not null,
    recipient            varchar(128) not null,
    sender               varchar(128) not null,
    text                 text         not null,
    locale               varchar(8),
    quick_replies        text,
    status               varchar(16)  not null,
    provider_message_id  varchar(256),
    error_code           varchar(32),
    error_message        text,
    attempts             integer      not null default 0,
    next_attempt_at      timestamptz,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    sent_at              timestamptz,
    delivered_at         timestamptz,
    read_at              timestamptz
);
create unique index outbound_provider_key on outbound_message (channel, provider_message_id) where provider_message_id is not null;
-- one reply per inbound message, whatever the number of instances
create unique index outbound_reply_key on outbound_message (inbound_message_id) where inbound_message_id is not null;
create index outbound_conversation on outbound_message (conversation_id, id);
create index outbound_due on outbound_message (next_attempt_at) where status = 'QUEUED';
create index outbound_recipient_sent on outbound_message (channel, recipient, sent_at);

-- every receipt as it came; outbound_message_id is null while the provider id is not yet known to us
-- (a status callback can overtake the response of the send call)
create table delivery_receipt (
    id                   bigserial primary key,
    channel              varchar(16)  not null,
    provider_message_id  varchar(256) not null,
    outbound_message_id  bigint       references outbound_message (id),
    status               varchar(16)  not null,
    error_code           varchar(32),
    error_message        text,
    occurred_at          timestamptz  not null,
    received_at          timestamptz  not null default now()
);
create index receipt_pending on delivery_receipt (channel, provider_message_id) where outbound_message_id is null;
create index receipt_outbound on delivery_receipt (outbound_message_id);

create table opt_out (
    channel          varchar(16)  not null,
    citizen_address  varchar(128) not null,
    bot_address      varchar(128) not null,
    reason           varchar(64)  not null,
    opted_out_at     timestamptz  not null default now(),
    primary key (channel, citizen_address, bot_address)
);
