-- Report rollups (issue 10): the summary's additive figures per closed local day and channel, written by
-- ReportRollups (engine.store) from the same statement the summary runs over the raw rows for the days not rolled.

-- One figure of one local day (in `zone`) and channel. `metric` names the figure, k1..k4 its dimensions ('' when
-- none or null in the rows):
--   inbound, answered, handed_off, person_requests, opt_outs        inbound_message by received_at
--   outbound, final, delivered, stuck                                outbound_message by created_at
--   started                                                          conversation by created_at
--   error        k1 = provider error code                            final failures (UNDELIVERED, FAILED)
--   answer_ms    k1 = answer-time bucket number (ReportQueries.ANSWER_BUCKET: 0 = under 100 ms, k ≥ 1 =
--                [100·1.05^(k-1), 100·1.05^k) ms, 400 = everything above)     BOT replies by outbound created_at
--   case         k1 = outcome, k2 = status, k3 = department (English), k4 = department (Arabic)   case_query by asked_at
create table report_daily (
    zone     varchar(64)  not null,
    day      date         not null,
    channel  varchar(16)  not null,
    metric   varchar(32)  not null,
    k1       varchar(64)  not null default '',
    k2       varchar(64)  not null default '',
    k3       varchar(256) not null default '',
    k4       varchar(256) not null default '',
    n        bigint       not null,
    primary key (zone, day, channel, metric, k1, k2, k3, k4)
);

-- The days whose figures report_daily holds (a day without any message is rolled too: no figure rows, one row here).
create table report_rolled_day (
    zone       varchar(64) not null,
    day        date        not null,
    rolled_at  timestamptz not null default now(),
    primary key (zone, day)
);

-- Distinct citizens do not add up across days: per conversation, the rolled local days on which it wrote, as a
-- multirange (consecutive days merge), and the last of them, so "conversations that wrote in these days" is one pass
-- over conversations, not over messages.
create table report_citizen_days (
    zone             varchar(64)      not null,
    conversation_id  bigint           not null,
    channel          varchar(16)      not null,
    days             datemultirange   not null,
    last_day         date             not null,
    primary key (zone, conversation_id)
);
-- "wrote on a rolled day from A on": when the period's rolled days reach the last rolled day (the usual "last N
-- days"), an index-only range scan; otherwise the candidates' `days` are checked
create index report_citizen_last on report_citizen_days (zone, last_day) include (conversation_id, channel);

-- Department in both languages, as the case system gives them (the old `department` column stays: English else
-- Arabic, for the rows written before this migration).
alter table case_query add column department_ar varchar(256), add column department_en varchar(256);
drop index case_query_asked;
create index case_query_asked on case_query (asked_at, channel)
    include (outcome, status, department, department_ar, department_en);
