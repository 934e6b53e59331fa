-- Issue 16: the per-conversation lease (one instance answers a conversation at a time) moves from Redis to the
-- conversation row, taken in the statement that reads the conversation's next unanswered message
-- (InboundMessages.nextPending) and released by the statement that stores the provider's answer to the reply of the
-- last one (OutboundMessages.accepted), else by Conversations.releaseLease. An instance that crashed holds its leases
-- until lease_until; the RecoveryJob schedules the conversations left unanswered and they are claimed after that.
--   lease_owner  the instance answering the conversation (a random id per process); null: nobody
--   lease_until  when the lease lapses (another instance may claim it from then on); null with lease_owner
alter table conversation add column lease_owner varchar(64), add column lease_until timestamptz;
