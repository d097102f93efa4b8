-- Recovery (issue 11): pausing a queue, replay as a job, resend, tenant lifecycle and quotas.
-- Every column added here is nullable or has a constant default: a catalog change, no rewrite.

-- A paused queue keeps taking messages in; the lease statements lease none of them.
alter table queues add column paused boolean not null default false;

-- A message made by a replay or a resend, not by ingest: deliveries say so (meta "replay": true).
alter table messages add column replay boolean not null default false;

-- A replay of stored events into a queue, run in the background in bounded batches by whichever
-- node holds its lease (lease_expires_at; another node takes over once it lapses). The cursor is
-- the last event handled, in (received_at, id) order, so a restarted relay resumes after it.
create table replay_jobs (
    tenant_id          text        not null,
    id                 text primary key,
    queue_id           bigint      not null,
    endpoint_id        text,
    event_type         text,
    window_from        timestamptz not null,
    window_to          timestamptz not null check (window_to > window_from),
    state              text        not null default 'queued'
                       check (state in ('queued', 'running', 'done', 'cancelled', 'failed')),
    total              bigint,                                   -- counted when the job starts
    done               bigint      not null default 0,           -- messages made
    skipped            bigint      not null default 0,           -- filtered out, or still waiting in the queue
    cursor_received_at timestamptz,
    cursor_event_id    text,
    lease_owner        uuid,                                     -- the claim of the node running it
    lease_expires_at   timestamptz,
    error              text,
    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    foreign key (tenant_id, queue_id) references queues (tenant_id, id) on delete cascade
);
create index replay_jobs_queue on replay_jobs (queue_id, created_at desc, id desc);
create index replay_jobs_pending on replay_jobs (created_at) where state in ('queued', 'running');

-- Tenant lifecycle: 'deleting' while its rows are removed in the background. Quotas: null means the
-- relay-wide default (INLET_QUOTA_*).
alter table tenants drop constraint tenants_status_check;
alter table tenants add constraint tenants_status_check check (status in ('active', 'suspended', 'deleting'));
alter table tenants
  add column max_queues integer check (max_queues >= 0),
  add column max_endpoints integer check (max_endpoints >= 0),
  add column max_backlog_per_queue bigint check (max_backlog_per_queue >= 0),
  add column max_stored_bytes bigint check (max_stored_bytes >= 0);
