-- Our own addresses (the numbers, page, account and mailbox citizens write to: every conversation's bot_address), one
-- row each, kept by a trigger on conversation inserts (a bot address never changes afterwards). The loop guard of
-- InboundMessages.nextPending ("is the sender one of our addresses?") asked conversation for a row whose bot_address
-- is the sender's address: every conversation shares a few bot addresses, so the planner expected a match at once and
-- read the table from the start, every row when there is none — 22,000 rows and 18 ms per message in the benchmark
-- (2026-12-03), all conversations of a year in production. Here the same question is one primary-key look-up.
create table own_address (
    channel varchar(16)  not null,
    address varchar(320) not null,
    primary key (channel, address)
);

insert into own_address (channel, address) select distinct channel, bot_address from conversation;

create function tawasul_note_own_address() returns trigger language plpgsql as $$
begin
    insert into own_address (channel, address) values (new.channel, new.bot_address) on conflict do nothing;
    return null;
end
$$;

create trigger conversation_own_address after insert on conversation
    for each row execute function tawasul_note_own_address();
