-- Retention and citizens' data rights (issue 10; README "Operators"; docs/architecture.md "Retention and data rights").

-- 1. A keyed hash of a citizen's address: what is kept in place of an erased or expired address. The key is made
--    here once, at random, and never leaves the database (so the hashes cannot be recomputed from a list of phone
--    numbers without it); one row only. The same (channel, address) always gives the same hash, so an opt-out kept
--    as a hash still matches the citizen's next message (OptOuts), and distinct citizens can still be counted.
create table address_hash_key (
    id          smallint    primary key default 1 check (id = 1),
    secret      text        not null,
    created_at  timestamptz not null default now()
);
insert into address_hash_key (secret)
    values (replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- 'h:' + 64 hex digits (66 characters: fits every address column, the narrowest being varchar(128)).
create function tawasul_address_hash(channel text, address text) returns text
    language sql stable parallel safe as $$
    select 'h:' || encode(sha256(convert_to(k.secret || '|' || channel || '|' || address, 'UTF8')), 'hex')
    from address_hash_key k
$$;

-- 2. When a row's texts and addresses were erased (by the retention job or a citizen's erasure); null = intact.
--    The partial indexes find what the daily job still has to do without reading what it already did.
alter table conversation add column redacted_at timestamptz;
alter table inbound_message add column redacted_at timestamptz;
alter table outbound_message add column redacted_at timestamptz;
alter table notification add column redacted_at timestamptz;
create index conversation_unredacted on conversation (channel, last_activity_at) where redacted_at is null;
create index inbound_unredacted on inbound_message (channel, received_at) where redacted_at is null;
create index outbound_unredacted on outbound_message (channel, created_at) where redacted_at is null;
create index notification_unredacted on notification (channel, updated_at) where redacted_at is null;
create index opt_out_citizen on opt_out (channel, citizen_address);
create index case_follower_citizen on case_follower (channel, citizen_address);

-- 3. Audit rows older than tawasul.retention.audit may be removed — by audit_event_purge() only. The trigger still
--    refuses every UPDATE and TRUNCATE, and every DELETE except inside audit_event_purge (which sets the
--    transaction-local flag tawasul.audit_purge_before) of rows older than that flag, which can never be later than
--    30 days ago: a mistake or a bug elsewhere cannot empty the recent trail. (A database owner can drop a trigger;
--    this protects the trail from the application and from operators' slips, not from the database's owner.)
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
declare
    cutoff timestamptz := nullif(current_setting('tawasul.audit_purge_before', true), '')::timestamptz;
begin
    if tg_op = 'DELETE' and cutoff is not null and cutoff <= now() - interval '30 days' and old.at < cutoff then
        return old;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

-- Removes the audit rows older than `before` (at most 30 days ago, else an error) and returns how many.
create function audit_event_purge(before timestamptz) returns bigint language plpgsql as $$
declare
    removed bigint;
begin
    if before > now() - interval '30 days' then
        raise exception 'audit rows are kept at least 30 days (asked: before %)', before
            using errcode = 'invalid_parameter_value';
    end if;
    perform set_config('tawasul.audit_purge_before', before::text, true);
    delete from audit_event where at < before;
    get diagnostics removed = row_count;
    perform set_config('tawasul.audit_purge_before', '', true);
    return removed;
end
$$;
