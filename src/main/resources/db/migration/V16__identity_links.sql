-- Verified identity by one-time code (issue 12): a sender who proved, with a code sent to the case's registered
-- contact, that they may see a case on their own channel and address. Rows are never deleted by the bot (the trail
-- of who was linked, when, and who revoked it); only the citizen-data erase removes an address's rows.
--   linked_at    first verification of this (case, channel, address) link
--   verified_at  last verification (a new code while linked renews the link)
--   expires_at   the link ends by itself then (tawasul.identity.link-ttl after verified_at)
--   revoked_at, revoked_by, reason   set together: staff ("staff:<username>") or the citizen ("citizen", STOP)
create table identity_link (
    id           bigserial    primary key,
    case_number  varchar(64)  not null,
    channel      varchar(16)  not null check (channel in ('SMS', 'FACEBOOK', 'TWITTER', 'EMAIL', 'WHATSAPP', 'WEBCHAT')),
    address      varchar(320) not null,
    linked_at    timestamptz  not null default now(),
    verified_at  timestamptz  not null default now(),
    expires_at   timestamptz  not null,
    revoked_at   timestamptz,
    revoked_by   varchar(128),
    reason       varchar(200),
    constraint identity_link_revocation check ((revoked_at is null) = (revoked_by is null))
);
-- one live (not revoked) link per case and address; revoked rows stay beside it
create unique index identity_link_live on identity_link (case_number, channel, address) where revoked_at is null;
create index identity_link_address on identity_link (channel, address);
