-- Extra provider fields of an inbound message (JSON object of strings), e.g. Twilio's OptOutType.
alter table inbound_message add column attributes text;
