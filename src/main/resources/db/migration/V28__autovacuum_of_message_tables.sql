-- Reports read today's rows of the message tables by index-only scans (ReportQueries: received_at / created_at
-- ranges, answer-time join). On tables of millions of rows autovacuum's default insert trigger (1,000 rows + 20 % of
-- the table) almost never runs, so the visibility map never covers a day's new rows and each of them costs a heap
-- fetch (27,850 of 35,837 in bench/results/reports-explain-2026-12-03.md). A vacuum after every 10,000 rows inserted,
-- whatever the table's size: an insert-only vacuum reads only the pages not yet all-visible, so each is small.
alter table inbound_message set (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);
alter table outbound_message set (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);
alter table case_query set (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);
alter table delivery_receipt set (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);
