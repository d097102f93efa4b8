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
