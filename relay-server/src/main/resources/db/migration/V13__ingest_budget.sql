-- A tenant's ingest budget across relay nodes: per one-second window of database time, how many
-- requests the nodes together have leased (granted, at most the tenant's rate) and the size of the
-- last lease (read back by the node that took it). Rows older than a few seconds are swept by every
-- node (SKIP LOCKED), so the table holds about one row per busy tenant. No foreign key: a deleted
-- tenant's rows expire within seconds anyway.
create table ingest_budget (
    tenant_id    text        not null,
    window_start timestamptz not null,
    granted      integer     not null check (granted >= 0),
    last_grant   integer     not null check (last_grant >= 0),
    primary key (tenant_id, window_start)
);

-- The SSE streams and waiting long polls each node holds open, per tenant and token, written by the
-- node every second (only counts above zero). A node subtracts the fresh counts of the other nodes
-- from its caps; rows not refreshed for a few seconds (a node gone) no longer count and are swept.
create table consumer_holds (
    tenant_id  text        not null,
    node_id    text        not null,
    kind       text        not null check (kind in ('stream', 'long_poll')),
    token_id   text        not null,
    open       integer     not null check (open > 0),
    updated_at timestamptz not null,
    primary key (tenant_id, node_id, kind, token_id)
);
