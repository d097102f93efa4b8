-- A message's or a route's tenant always equals its queue's (and a route's, its endpoint's): the
-- foreign keys carry tenant_id, so no statement, however wrong, can file one tenant's message
-- under another tenant's queue. (Citus also needs every key between tenant tables to hold it.)
-- Validating the new keys reads messages and routes once, under a SHARE ROW EXCLUSIVE lock: writes
-- to them wait until this migration commits.
alter table queues add constraint queues_tenant_id_id unique (tenant_id, id);
alter table endpoints add constraint endpoints_tenant_id_id unique (tenant_id, id);

alter table messages
  drop constraint messages_queue_id_fkey,
  add constraint messages_tenant_queue foreign key (tenant_id, queue_id)
      references queues (tenant_id, id) on delete cascade;

alter table routes
  drop constraint routes_queue_id_fkey,
  add constraint routes_tenant_queue foreign key (tenant_id, queue_id)
      references queues (tenant_id, id) on delete cascade,
  drop constraint routes_endpoint_id_fkey,
  add constraint routes_tenant_endpoint foreign key (tenant_id, endpoint_id)
      references endpoints (tenant_id, id) on delete cascade;
