-- Report rollups, distinct citizens (issue 10): how many conversations have each last rolled day, per zone and
-- channel — report_citizen_days counted by (zone, last_day, channel), kept by ReportRollups in the statement that
-- rolls a day (a conversation whose last day moves from d1 to d2: -1 at d1, +1 at d2). "Conversations that wrote on
-- a rolled day from A on" (the usual last-N-days period) is then the sum of at most one row per day and channel,
-- not a pass over 100,000 conversation rows (0.35-0.48 s on the benchmark's year, 2026-12-03: the table's rows
-- hold up to 50 day ranges each and were rewritten once per day by the backfill).
create table report_citizen_last_day (
    zone      varchar(64) not null,
    last_day  date        not null,
    channel   varchar(16) not null,
    n         bigint      not null,
    primary key (zone, last_day, channel)
);

insert into report_citizen_last_day (zone, last_day, channel, n)
select zone, last_day, channel, count(*) from report_citizen_days group by zone, last_day, channel;

-- derived from report_citizen_days: emptied with it (a TRUNCATE fires no row trigger and the rollup never deletes)
create function report_citizen_days_truncated() returns trigger language plpgsql as $$
begin
    truncate report_citizen_last_day;
    return null;
end $$;
create trigger report_citizen_days_truncate after truncate on report_citizen_days
    for each statement execute function report_citizen_days_truncated();

-- the raw days' conversations already counted: one index-only probe each (zone, conversation, last day)
create index report_citizen_conversation on report_citizen_days (zone, conversation_id) include (last_day);
