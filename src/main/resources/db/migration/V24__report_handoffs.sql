-- Report rollups, handoffs (issue 10): per closed local day (in `zone`), the requests for a person the bot
-- acknowledged that day, each with the first agent message after it (and its agent) and the last one before the
-- conversation's next request: the rows of ReportQueries.HANDOFFS over that day, written by ReportRollups in the
-- statement that rolls the day. The summary reads a period's rolled days here and computes office time,
-- percentiles, SLA breaches and the per-agent figures in Java exactly as from the message rows (where finding the
-- next request of each conversation costs a pass over its messages: about a million heap reads for a year).
create table report_handoff (
    zone             varchar(64)  not null,
    day              date         not null,
    inbound_id       bigint       not null,
    conversation_id  bigint       not null,
    channel          varchar(16)  not null,
    requested_at     timestamptz  not null,
    first_at         timestamptz,
    agent            varchar(64),
    last_at          timestamptz,
    primary key (zone, day, inbound_id)
);

-- The days rolled before this migration: their handoffs, by the statement ReportQueries.HANDOFFS had at V24, so that
-- a rolled day never lacks them (the job re-rolls only its last 7 closed days).
insert into report_handoff (zone, day, inbound_id, conversation_id, channel, requested_at, first_at, agent, last_at)
select d.zone, d.day, r.id, r.conversation_id, r.channel, r.received_at, f.created_at, f.sent_by, l.created_at
from report_rolled_day d
join inbound_message r on r.received_at >= (d.day::timestamp at time zone d.zone)
                      and r.received_at < ((d.day + 1)::timestamp at time zone d.zone)
                      and r.intent = 'ASK_FOR_PERSON' and r.state = 'ANSWERED'
left join lateral (select min(n.received_at) as at from inbound_message n
                   where n.conversation_id = r.conversation_id and n.intent = 'ASK_FOR_PERSON'
                     and n.state = 'ANSWERED' and n.received_at > r.received_at) nx on true
left join lateral (select o.created_at, o.sent_by from outbound_message o
                   where o.conversation_id = r.conversation_id and o.origin = 'AGENT' and not o.from_echo
                     and o.created_at > r.received_at and o.created_at < coalesce(nx.at, 'infinity')
                   order by o.created_at limit 1) f on true
left join lateral (select o.created_at from outbound_message o
                   where o.conversation_id = r.conversation_id and o.origin = 'AGENT' and not o.from_echo
                     and o.created_at > r.received_at and o.created_at < coalesce(nx.at, 'infinity')
                   order by o.created_at desc limit 1) l on true;
