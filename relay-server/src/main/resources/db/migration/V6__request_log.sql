-- Every inbound request to a known endpoint, refused ones included, kept for a short time
-- (INLET_REQUEST_LOG_RETENTION_HOURS) and, for refused ones, capped per endpoint
-- (INLET_REQUEST_LOG_MAX_PER_ENDPOINT). Accepted and duplicate rows are written by the ingest batch
-- statement itself; refused and handshake rows are batched by the relay. No foreign keys: a check
-- per row would cost the ingest path, and housekeeping removes the rows of a deleted endpoint with
-- the rest when they age out (the API answers 404 for that endpoint meanwhile).
create table request_log (
    tenant_id      text        not null,
    endpoint_id    text        not null,
    id             bigint generated always as identity,
    received_at    timestamptz not null default now(),
    outcome        text        not null check (outcome in ('accepted', 'duplicate', 'refused', 'handshake')),
    reason         text,                       -- why refused (signature_mismatch, …); null otherwise
    event_id       text,                       -- the event it became (accepted) or repeated (duplicate)
    source_address text,
    method         text        not null,
    headers        jsonb,                      -- redacted; null for accepted: the event's own headers are these
    body_size      integer     not null,
    body_preview   bytea,                      -- refused only: the first 4 KiB
    event_type     text
);
-- The list, newest first, and the per-minute stats of one endpoint.
create index request_log_endpoint on request_log (endpoint_id, received_at, id);
-- The cap counts and trims one endpoint's refused rows without reading its accepted ones.
create index request_log_refused on request_log (endpoint_id, received_at, id) where outcome = 'refused';
-- Housekeeping removes the oldest, whatever their endpoint. BRIN: rows arrive in time order, it
-- costs the ingest path next to nothing, and it cannot sort, so the planner never walks it for an
-- endpoint's page (a btree on received_at alone it did, filtering out every other endpoint's rows).
create index request_log_received on request_log using brin (received_at);

-- Refused rows the relay did not keep, per endpoint: trimmed by the cap, or dropped before they were
-- written (the relay's buffer was full, or the write failed).
create table request_log_drops (
    tenant_id       text        not null,
    endpoint_id     text        primary key,
    dropped         bigint      not null default 0,
    last_dropped_at timestamptz not null default now()
);

-- The queues an event was routed to at ingest, so a search by queue finds it after its messages
-- were acked (acked messages are deleted). Null on events stored before this column.
alter table events add column queue_ids bigint[];

-- Event search pages newest first by (received_at, id), within a tenant or one endpoint. The first
-- replaces V3's (tenant_id, received_at), which housekeeping's walk uses through the same prefix.
create index events_tenant_received_id on events (tenant_id, received_at, id);
drop index events_tenant_received;
create index events_endpoint_received_id on events (endpoint_id, received_at, id);
