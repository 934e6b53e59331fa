-- E-mail channel: a citizen's address is an e-mail address, up to 254 characters (RFC 5321 path limit), longer than
-- the 128 that phone numbers, PSIDs and X ids needed. Every column holding a channel address is widened; no data
-- changes. (The channel name EMAIL fits channel varchar(16); Message-IDs, the e-mail provider ids, fit
-- provider_message_id varchar(256): the channel stores a hash for a longer one.)
alter table conversation alter column citizen_address type varchar(320);
alter table conversation alter column bot_address type varchar(320);
alter table outbound_message alter column recipient type varchar(320);
alter table outbound_message alter column sender type varchar(320);
alter table opt_out alter column citizen_address type varchar(320);
alter table opt_out alter column bot_address type varchar(320);
