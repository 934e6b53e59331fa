-- Handoff to a person (staff console): who holds a conversation, since when it waits for one, when anything last
-- happened in it (the console's list order), and the cases asked about in it (the console's filters and search).
--   assigned_agent    staff username holding the conversation while WITH_AGENT, else null
--   assigned_at       when that agent took it
--   waiting_since     when it became WAITING_FOR_AGENT; cleared when taken, handed back or closed
--   last_activity_at  last inbound or outbound message or state change (the handoff timeout counts from it)
--   case_numbers      case numbers the bot answered in this conversation, most recent first, at most 5
--   departments       those cases' departments as the case system names them (en label, else ar), most recent
--                     first, at most 5
-- WAITING_FOR_AGENT (17 characters) did not fit the state column
alter table conversation alter column state type varchar(32);

alter table conversation
    add column assigned_agent   varchar(64),
    add column assigned_at      timestamptz,
    add column waiting_since    timestamptz,
    add column last_activity_at timestamptz not null default now(),
    add column case_numbers     text[]      not null default '{}',
    add column departments      text[]      not null default '{}';

-- existing conversations: their latest message or change
update conversation c set last_activity_at = greatest(c.updated_at, c.last_inbound_at,
        (select max(o.created_at) from outbound_message o where o.conversation_id = c.id));

-- an agent holds a conversation only while it is WITH_AGENT; only a waiting conversation waits
alter table conversation add constraint conversation_assigned_check
    check (assigned_agent is null or state = 'WITH_AGENT');
alter table conversation add constraint conversation_waiting_check
    check (waiting_since is null or state = 'WAITING_FOR_AGENT');
alter table conversation add constraint conversation_recent_cases_check
    check (cardinality(case_numbers) <= 5 and cardinality(departments) <= 5);

-- the console's list, newest activity first (keyset paging on (last_activity_at, id))
create index conversation_activity on conversation (last_activity_at desc, id desc);
-- the handoff timeout job: conversations held by a person, oldest activity first
create index conversation_held on conversation (last_activity_at) where state = 'WITH_AGENT';
