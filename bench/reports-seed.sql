-- bench/reports seed: :inbound inbound + about as many outbound messages over 365 days in :conversations
-- conversations, generated server-side (generate_series), evenly spread in time; no texts or addresses that matter.
-- Shape per inbound message g: 2% handed to a person, 0.4% requests for a person (acknowledged, then one agent
-- reply 1-40 min later), 0.3% opt-out keywords, the rest answered by the bot 0.3-3.3 s later; outbound statuses
-- 88% delivered, 6% read, 3% failed (30003/30005/30007/21610), 2% sent, 1% undelivered (30006); 60% of messages
-- ask about a case (80% found, 8 departments, 5 statuses).
-- (Before 2026-12-03 the requests for a person were stored HANDED_OFF, g % 250 = 0 being also g % 50 = 0, so the
-- reports saw no acknowledged request: handed off is now g % 50 = 25, disjoint from them.)
\set ON_ERROR_STOP on
set synchronous_commit = off;
insert into conversation (channel, citizen_address, bot_address, state, created_at, last_activity_at)
select (array['SMS','SMS','SMS','SMS','FACEBOOK','TWITTER','EMAIL','WHATSAPP'])[1 + g % 8], 'bench-seed-' || g, 'bench-bot',
       'BOT', now() - interval '365 days' + (g::float8 / :conversations) * interval '365 days', now()
from generate_series(1, :conversations) g;

create temp table seed_base as select min(id) as c0 from conversation where bot_address = 'bench-bot';

insert into inbound_message (conversation_id, channel, provider_message_id, kind, text, sent_at, received_at, state, intent)
select b.c0 + ((g::bigint * 7919) % :conversations),
       (array['SMS','SMS','SMS','SMS','FACEBOOK','TWITTER','EMAIL','WHATSAPP'])[1 + (((g::bigint * 7919) % :conversations) + 1) % 8],
       'bench-seed-' || g, 'TEXT', '',
       now() - interval '365 days' + (g::float8 / :inbound) * interval '365 days',
       now() - interval '365 days' + (g::float8 / :inbound) * interval '365 days',
       case when g % 50 = 25 then 'HANDED_OFF' when g % 333 = 0 and g % 250 <> 0 then 'IGNORED' else 'ANSWERED' end,
       case when g % 250 = 0 then 'ASK_FOR_PERSON' when g % 333 = 0 then 'OPT_OUT'
            when g % 5 < 3 then 'CASE_STATUS' else 'HELP' end
from generate_series(1, :inbound) g, seed_base b;
-- (the channel is the conversation's: conversation g has id c0 + g - 1 in the fresh database)

insert into outbound_message (conversation_id, inbound_message_id, origin, channel, recipient, sender, text, status,
                              error_code, created_at, updated_at, sent_at)
select i.conversation_id, i.id, 'BOT', i.channel, '', '', '',
       case when i.id % 100 < 88 then 'DELIVERED' when i.id % 100 < 94 then 'READ' when i.id % 100 < 97 then 'FAILED'
            when i.id % 100 < 99 then 'SENT' else 'UNDELIVERED' end,
       case when i.id % 100 between 94 and 96 then (array['30003','30005','30007','21610'])[1 + (i.id / 100) % 4]
            when i.id % 100 = 99 then '30006' end,
       i.received_at + interval '200 milliseconds', i.received_at + interval '5 seconds',
       i.received_at + (300 + (i.id * 37) % 3000) * interval '1 millisecond'
from inbound_message i where i.provider_message_id like 'bench-seed-%' and i.state = 'ANSWERED';

insert into outbound_message (conversation_id, origin, channel, recipient, sender, text, status, created_at,
                              updated_at, sent_at, sent_by)
select i.conversation_id, 'AGENT', i.channel, '', '', '', 'DELIVERED',
       i.received_at + (60 + (i.id * 13) % 2400) * interval '1 second',
       i.received_at + (60 + (i.id * 13) % 2400) * interval '1 second',
       i.received_at + (60 + (i.id * 13) % 2400) * interval '1 second', 'agent-' || (i.id % 12)
from inbound_message i where i.provider_message_id like 'bench-seed-%' and i.intent = 'ASK_FOR_PERSON';

insert into case_query (inbound_message_id, position, channel, asked_at, outcome, status, department)
select i.id, 0, i.channel, i.received_at, case when i.id % 10 < 8 then 'FOUND' else 'NOT_FOUND' end,
       case when i.id % 10 < 8 then (array['SUBMITTED','IN_PROGRESS','APPROVED','REJECTED','NEEDS_DOCUMENTS'])[1 + i.id % 5] end,
       case when i.id % 10 < 8 then (array['Licensing','Civil Affairs','Passports','Traffic','Municipal',
                                             'Labour','Education','Health'])[1 + (i.id / 10) % 8] end
from inbound_message i where i.provider_message_id like 'bench-seed-%' and i.intent = 'CASE_STATUS';

vacuum analyze conversation;
vacuum analyze inbound_message;
vacuum analyze outbound_message;
vacuum analyze case_query;
