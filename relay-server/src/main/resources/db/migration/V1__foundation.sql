-- Inlet's schema. Every tenant-owned table carries tenant_id and every query filters on it, so the
-- schema can later be distributed by tenant (Citus). Ids are text with a type prefix (ten_, ep_,
-- tok_, evt_) except queues and messages, whose bigint ids stay internal and keep indexes small.

-- Relay-wide settings shared by all nodes (the JWT signing key lives here).
create table settings (
    key        text primary key,
    value      text        not null,
    created_at timestamptz not null default now()
);

create table tenants (
    id                    text primary key,
    name                  text        not null unique,
    status                text        not null default 'active' check (status in ('active', 'suspended')),
    ingest_rate_per_sec   integer check (ingest_rate_per_sec > 0),           -- null: unlimited
    max_body_bytes        integer     not null default 1048576 check (max_body_bytes > 0),
    retention_seconds     integer     not null default 604800 check (retention_seconds > 0),
    created_at            timestamptz not null default now()
);

-- One row per minted JWT (id = the jti): revocation is a flag here, checked on every request.
create table tokens (
    tenant_id  text        not null references tenants (id) on delete cascade,
    id         text        not null,
    scopes     text[]      not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);

create table queues (
    tenant_id         text        not null references tenants (id) on delete cascade,
    id                bigint generated always as identity primary key,
    name              text        not null check (name ~ '^[a-z0-9_-]{1,64}$'),
    lease_seconds     integer     not null default 30 check (lease_seconds between 1 and 43200),
    max_attempts      integer     not null default 10 check (max_attempts between 1 and 1000),
    retention_seconds integer     not null default 604800 check (retention_seconds > 0),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (tenant_id, name)
);

-- An endpoint id is a capability (the inbound URL), so it is globally unique and unguessable; the
-- ingest path finds the tenant through it.
create table endpoints (
    tenant_id              text        not null references tenants (id) on delete cascade,
    id                     text primary key,
    name                   text        not null,
    verification           jsonb       not null,                 -- scheme + settings + secrets
    dedupe                 jsonb,                                -- {"header": …} or {"jsonPointer": …}
    dedupe_window_seconds  integer     not null default 604800 check (dedupe_window_seconds > 0),
    max_body_bytes         integer     not null default 1048576 check (max_body_bytes between 1 and 26214400),
    enabled                boolean     not null default true,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    unique (tenant_id, name)
);

create table routes (
    tenant_id   text   not null,
    endpoint_id text   not null references endpoints (id) on delete cascade,
    queue_id    bigint not null references queues (id) on delete cascade,
    filter      jsonb,                                            -- {"header"|"jsonPointer": …, "equals": …}
    position    integer not null default 0,
    primary key (endpoint_id, queue_id)
);
create index routes_queue on routes (queue_id);

-- What providers sent, stored once and kept for the retention period (replay reads it). Partitioned
-- by receive time so that retention is a partition drop; until housekeeping creates time ranges,
-- rows land in the default partition.
create table events (
    tenant_id      text        not null,
    id             text        not null,
    endpoint_id    text        not null,
    received_at    timestamptz not null default now(),
    method         text        not null,
    path_query     text,
    headers        jsonb       not null,
    content_type   text,
    body           bytea       not null,
    dedupe_key     text,
    source_address text,
    primary key (id, received_at)
) partition by range (received_at);
create table events_default partition of events default;
create index events_tenant_received on events (tenant_id, endpoint_id, received_at);

-- One event in one queue. Ready and leased messages both sort by visible_at: a lease moves it to
-- the lease expiry, so an expired lease is simply visible again. Acked messages are deleted.
create table messages (
    tenant_id         text        not null,
    id                bigint generated always as identity primary key,
    queue_id          bigint      not null references queues (id) on delete cascade,
    event_id          text        not null,
    event_received_at timestamptz not null,
    state             text        not null default 'ready' check (state in ('ready', 'leased', 'dead')),
    attempt           integer     not null default 0,
    visible_at        timestamptz not null default now(),
    lease_token       uuid,
    last_error        text,
    enqueued_at       timestamptz not null default now(),
    dead_at           timestamptz
);
-- The lease scan: oldest visible first. Rows committed in one batch share now(), so id breaks the
-- tie without a sort.
create index messages_lease on messages (queue_id, visible_at, id) where state <> 'dead';
create index messages_dead on messages (queue_id, id) where state = 'dead';

-- The first event seen for a provider's id, per endpoint, for the dedupe window.
create table dedupe_keys (
    tenant_id   text        not null,
    endpoint_id text        not null,
    key         text        not null,
    event_id    text        not null,
    expires_at  timestamptz not null,
    primary key (endpoint_id, key)
);
create index dedupe_keys_expiry on dedupe_keys (expires_at);
