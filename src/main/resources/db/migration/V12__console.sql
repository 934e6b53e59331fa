-- Staff console: who sent an agent's message, the failed-delivery badge and filter, canned replies.

alter table outbound_message add column sent_by varchar(64);
alter table outbound_message add constraint outbound_sent_by_check check (sent_by is null or origin = 'AGENT');

-- "failed deliveries" badge and filter of the conversation list
create index outbound_failed on outbound_message (conversation_id) where status in ('FAILED', 'UNDELIVERED');

-- Canned replies, managed by supervisors and inserted by agents in the reply box.
create table canned_reply (
    id          bigserial primary key,
    locale      varchar(8)   not null check (locale in ('ar', 'en')),
    title       varchar(80)  not null,
    text        varchar(2000) not null,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    constraint canned_reply_title unique (locale, title)
);
