-- Every key of a tenant table holds tenant_id (issue 14): Citus can only enforce a primary key, a
-- unique constraint or a foreign key on a table distributed by tenant_id when the key contains it,
-- since each tenant's rows then live on one shard. tenants and settings stay global (reference
-- tables); docs/operations.md ("Distributing by tenant") has the distribution DDL, and
-- DistributionKeysTest fails when a key breaks the rule.
--
-- Keys keep their leading columns and gain tenant_id where it fits the lookups best; the lookups
-- all pass both. messages keeps id first: identity ids rise, so ingest still appends at the right
-- edge of its primary key index. This migration rebuilds the keys' indexes under an exclusive lock
-- of each table: on a large database, expect writes to wait for it (events and messages mostly).

-- The foreign keys on queues (tenant_id, id) and endpoints (tenant_id, id) go while those keys change.
alter table messages drop constraint messages_tenant_queue;
alter table routes drop constraint routes_tenant_queue, drop constraint routes_tenant_endpoint;
alter table replay_jobs drop constraint replay_jobs_tenant_id_queue_id_fkey;

-- (tenant_id, id) was already unique; it becomes the primary key, and id alone is no key any more.
alter table queues drop constraint queues_tenant_id_id, drop constraint queues_pkey,
  add constraint queues_pkey primary key (tenant_id, id);

-- An endpoint id is still globally unique in practice (128 random bits: the inbound URL is a
-- capability), but no index enforces it: one on id alone could not be enforced on a distributed
-- table. Ingest finds the endpoint, and so the tenant, by id alone on this plain index (on Citus, a
-- query sent to every shard; the endpoint directory caches the answer).
alter table endpoints drop constraint endpoints_tenant_id_id, drop constraint endpoints_pkey,
  add constraint endpoints_pkey primary key (tenant_id, id);
create index endpoints_id on endpoints (id);

alter table routes drop constraint routes_pkey,
  add constraint routes_pkey primary key (tenant_id, endpoint_id, queue_id);

-- A partitioned table's primary key must also hold the partition key, received_at.
alter table events drop constraint events_pkey,
  add constraint events_pkey primary key (tenant_id, id, received_at);

alter table messages drop constraint messages_pkey,
  add constraint messages_pkey primary key (id, tenant_id);

-- The lease scan now says tenant_id = $1 as well as queue_id = $2, so that Citus sends it to the
-- tenant's shard. Taking the two as independent, the planner would expect a fraction of a row and
-- pick a bitmap scan and a sort of all the queue's visible messages over walking messages_lease in
-- order, in the generic plan every connection caches. A queue's messages all have its tenant: these
-- statistics tell the planner so, and the plan stays the index walk.
create statistics messages_queue_tenant (dependencies) on queue_id, tenant_id from messages;
analyze messages;

alter table dedupe_keys drop constraint dedupe_keys_pkey,
  add constraint dedupe_keys_pkey primary key (tenant_id, endpoint_id, key);

alter table request_log_drops drop constraint request_log_drops_pkey,
  add constraint request_log_drops_pkey primary key (tenant_id, endpoint_id);

alter table replay_jobs drop constraint replay_jobs_pkey,
  add constraint replay_jobs_pkey primary key (tenant_id, id);

-- The foreign keys again, as before: each already held tenant_id (V5), now on the new keys.
alter table messages add constraint messages_tenant_queue foreign key (tenant_id, queue_id)
  references queues (tenant_id, id) on delete cascade;
alter table routes
  add constraint routes_tenant_queue foreign key (tenant_id, queue_id)
      references queues (tenant_id, id) on delete cascade,
  add constraint routes_tenant_endpoint foreign key (tenant_id, endpoint_id)
      references endpoints (tenant_id, id) on delete cascade;
alter table replay_jobs add constraint replay_jobs_tenant_queue foreign key (tenant_id, queue_id)
  references queues (tenant_id, id) on delete cascade;
