-- Housekeeping walks each tenant's events oldest first, and replay reads a tenant's time window of
-- any endpoint: the old index, (tenant_id, endpoint_id, received_at), could not serve either
-- (housekeeping read every event there was each minute).
drop index events_tenant_received;
create index events_tenant_received on events (tenant_id, received_at);

-- Whether a message still points at an event, asked by housekeeping of each event past retention
-- (it found out by hashing the whole queue table every run).
create index messages_event on messages (event_id);
