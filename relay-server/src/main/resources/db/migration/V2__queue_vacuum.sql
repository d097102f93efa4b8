-- Consumers move and delete rows at the head of messages_lease all day. Each old index entry stays
-- there, stepped over by every lease, until VACUUM removes it: with the default thresholds (20 % of
-- the table) a busy queue's leases got more than twice as slow between vacuums. Vacuum this table after a
-- fixed number of changes, without cost-based pauses, and always clean its indexes.
alter table messages set (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0,
    vacuum_index_cleanup = on
);
