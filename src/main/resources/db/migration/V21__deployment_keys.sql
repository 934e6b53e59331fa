-- Keys that every instance of one deployment must share and no operator should have to invent (the HMAC key of
-- the one-time identity codes kept in Redis, when tawasul.identity.code-secret is not set): made at random on first
-- use by DeploymentKeys (insert … on conflict do nothing, so two instances starting together agree), never logged,
-- never sent. Kept in PostgreSQL, not Redis, so that what Redis holds tells nothing without the database.
create table deployment_key (
    name        varchar(64) primary key,
    secret      text        not null,
    created_at  timestamptz not null default now()
);
