-- Staff accounts of the console and the append-only audit log (issue 9: accounts, access, audit).

-- One row per staff member. Usernames are stored lower case (login is case-insensitive). The password is a bcrypt
-- hash in Modular Crypt Format ($2a$<cost>$…, Elytron/BcryptUtil); null for members who only sign in through the
-- agency's single sign-on. A disabled member cannot sign in, and sessions already open end with their next
-- request. `locale` is the language of the console for this member. `bootstrap` marks the account the first start
-- created (at most one such row: two instances starting together create it once).
create table staff_user (
    id             bigserial    primary key,
    username       varchar(64)  not null,
    display_name   varchar(128) not null,
    role           varchar(16)  not null,
    password_hash  varchar(100),
    enabled        boolean      not null default true,
    locale         varchar(2)   not null default 'ar',
    bootstrap      boolean      not null default false,
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    constraint staff_user_username_key unique (username),
    constraint staff_user_username_check check (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
    constraint staff_user_role_check check (role in ('AGENT', 'SUPERVISOR', 'ADMIN')),
    constraint staff_user_locale_check check (locale in ('ar', 'en')),
    constraint staff_user_password_check check (password_hash is null or password_hash like '$2_$%')
);
create unique index staff_user_one_bootstrap on staff_user ((true)) where bootstrap;

-- What staff did and who tried to sign in, newest = highest id. `actor` is the staff username (for a failed
-- login: the username that was tried, lower case, at most 64 characters), or `system`. `target_type`/`target_id`
-- name what the action was about (`conversation` 42, `staff_user` alice). `detail` is a JSON object; it never holds
-- a password or a message text. Rows are never changed or removed: the trigger refuses UPDATE, DELETE and TRUNCATE.
create table audit_event (
    id              bigserial    primary key,
    at              timestamptz  not null default clock_timestamp(),
    actor           varchar(64)  not null,
    action          varchar(32)  not null,
    target_type     varchar(32),
    target_id       varchar(128),
    detail          jsonb        not null default '{}'::jsonb,
    remote_address  inet,
    constraint audit_event_action_check check (action in (
        'LOGIN', 'LOGIN_FAILED', 'LOGIN_LOCKED', 'LOGOUT',
        'TRANSCRIPT_VIEWED', 'TAKEOVER', 'REASSIGN', 'REPLY', 'HANDBACK', 'CLOSE',
        'USER_CREATED', 'USER_CHANGED', 'CANNED_REPLY_CHANGED')),
    constraint audit_event_detail_check check (jsonb_typeof(detail) = 'object')
);
create index audit_event_actor on audit_event (actor, id desc);
create index audit_event_target on audit_event (target_type, target_id, id desc) where target_type is not null;

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_no_update_or_delete before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
