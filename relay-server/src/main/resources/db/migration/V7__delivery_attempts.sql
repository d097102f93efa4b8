-- Every lease of a message, and how it ended. Written by the consumer statements themselves (the
-- lease inserts the row, each settle verb updates it: MessageSql), so recording costs no extra
-- round trip. The message may be gone (acked messages are deleted): the row keeps its queue, event
-- and enqueue time, and lives as long as the event does (housekeeping removes both on the same
-- rule: past the tenant's retention, no message left).
-- A lease token is never reused, so it names the attempt; the attempt number alone does not (a
-- redrive starts it again at 1). No foreign keys: a key check on queues would lock the queue row
-- on every lease.
create table delivery_attempts (
    tenant_id         text        not null,
    message_id        bigint      not null,
    lease_token       uuid        not null,
    queue_id          bigint      not null,
    event_id          text        not null,
    event_received_at timestamptz not null,
    enqueued_at       timestamptz not null,
    attempt           integer     not null,
    token_id          text,
    via               text        not null check (via in ('next', 'receive', 'stream')),
    lease_seconds     integer     not null,
    leased_at         timestamptz not null default now(),
    outcome           text        not null default 'leased'
                      check (outcome in ('leased', 'acked', 'nacked', 'rejected', 'expired', 'released')),
    reason            text,
    delay_seconds     double precision,
    settled_at        timestamptz,
    primary key (tenant_id, message_id, lease_token)
) with (fillfactor = 80);
-- Room on each page lets the one settle update of a row stay a heap-only update; a BRIN index
-- (summarizing) does not prevent that, and costs next to nothing to keep up as rows arrive in time
-- order. Housekeeping and event lookups find a time range of attempts through it.
create index delivery_attempts_event_received on delivery_attempts using brin (event_received_at);
alter table delivery_attempts set (
    autovacuum_vacuum_scale_factor = 0.05,
    autovacuum_vacuum_cost_delay = 0
);

-- Messages in and out of each queue per minute, for the queue's rates. Each node counts in memory
-- and adds its counts here every few seconds (one statement for all queues), so neither ingest nor
-- a settle touches a shared counter row. Kept two hours.
create table queue_rates (
    tenant_id text        not null,
    queue_id  bigint      not null,
    minute    timestamptz not null,
    enqueued  bigint      not null default 0,
    acked     bigint      not null default 0,
    primary key (tenant_id, queue_id, minute)
);
