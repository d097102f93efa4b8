package dev.inlet.relay.store;

/**
 * Statements on {@code replay_jobs}, and the replay and resend inserts into {@code messages}. A job
 * is run by the node holding its lease ({@code lease_owner}, {@code lease_expires_at}); every batch
 * checks it under the job row's lock, so a cancel or a takeover stops the old runner at once.
 */
final class ReplaySql {
  private ReplaySql() {}

  private static final String COLUMNS = """
      j.id, j.tenant_id, j.queue_id, q.name as queue_name, j.endpoint_id, j.event_type, j.window_from,
      j.window_to, j.state, j.total, j.done, j.skipped, j.cursor_received_at, j.cursor_event_id, j.error,
      j.created_at, j.started_at, j.finished_at""";

  static final String INSERT = """
      with j as (
        insert into replay_jobs (tenant_id, id, queue_id, endpoint_id, event_type, window_from, window_to)
        values ($1, $2, $3, $4, $5, $6, $7) returning *)
      select\s""" + COLUMNS + " from j join queues q on q.tenant_id = j.tenant_id and q.id = j.queue_id";

  static final String FIND = "select " + COLUMNS
      + " from replay_jobs j join queues q on q.tenant_id = j.tenant_id and q.id = j.queue_id where j.tenant_id = $1 and j.id = $2";

  /** A queue's jobs, newest first, after the job $3 (null: from the start); $3 must be one of its jobs. */
  static final String LIST = "select " + COLUMNS + """
       from replay_jobs j join queues q on q.tenant_id = j.tenant_id and q.id = j.queue_id
      where j.tenant_id = $1 and j.queue_id = $2
        and ($3::text is null or (j.created_at, j.id) < (select c.created_at, c.id from replay_jobs c
                                                          where c.tenant_id = $1 and c.queue_id = $2 and c.id = $3))
      order by j.created_at desc, j.id desc
      limit $4
      """;

  static final String ENDPOINT_EXISTS = "select 1 from endpoints where tenant_id = $1 and id = $2";

  static final String CURSOR_EXISTS = "select 1 from replay_jobs where tenant_id = $1 and queue_id = $2 and id = $3";

  static final String CANCEL = """
      with j as (
        update replay_jobs set state = 'cancelled', finished_at = now(), lease_owner = null, lease_expires_at = null
         where tenant_id = $1 and id = $2 and state in ('queued', 'running') returning *)
      select\s""" + COLUMNS + " from j join queues q on q.tenant_id = j.tenant_id and q.id = j.queue_id";

  /**
   * Up to $1 jobs nobody runs (queued, or running under a lease that lapsed: its node died), oldest
   * first, read without a lock: on Citus a {@code for update} over every tenant's shards is refused,
   * so {@link #CLAIM} takes one of them in a statement of its own tenant.
   */
  static final String CLAIMABLE = """
      select tenant_id, id from replay_jobs
       where state in ('queued', 'running') and (lease_expires_at is null or lease_expires_at < now())
       order by created_at
       limit $1
      """;

  /**
   * Job $2 of tenant $1, leased to $3 for $4 seconds if nobody runs it still; no row if another node
   * took it first. Two nodes claiming it at once: the second waits for the first's row lock, then
   * sees the new lease and updates nothing, so only one of them runs the job.
   */
  static final String CLAIM = """
      with j as (
        update replay_jobs set state = 'running', started_at = coalesce(started_at, now()), lease_owner = $3,
               lease_expires_at = now() + make_interval(secs => $4)
         where tenant_id = $1 and id = $2 and state in ('queued', 'running')
           and (lease_expires_at is null or lease_expires_at < now())
        returning *)
      select\s""" + COLUMNS + " from j join queues q on q.tenant_id = j.tenant_id and q.id = j.queue_id";

  /** The job, locked for one batch, if it is still running under lease $2. */
  static final String LOCK_RUNNING = "select " + COLUMNS + """
       from replay_jobs j join queues q on q.tenant_id = j.tenant_id and q.id = j.queue_id
      where j.tenant_id = $1 and j.id = $2 and j.state = 'running' and j.lease_owner = $3
        for update of j
      """;

  /** Which events a job considers: its window, its endpoint (or those routed to its queue now), its type. */
  private static final String JOB_EVENTS = """
      e.tenant_id = $1 and e.received_at >= $3 and e.received_at < $4
         and ($5::text is null or e.event_type = $5)
         and (case when $6::text is null
                   then e.endpoint_id in (select r.endpoint_id from routes r where r.tenant_id = $1 and r.queue_id = $2)
                   else e.endpoint_id = $6 end)
      """;

  static final String COUNT = "select count(*) as total from events e where " + JOB_EVENTS;

  static final String SET_TOTAL = "update replay_jobs set total = $3 where tenant_id = $1 and id = $2";

  /**
   * The next events after the cursor ($7, $8), oldest first: at most $9, and no more bodies than $10
   * bytes (the first always). {@code expiring}: within $11 seconds of its tenant's retention, so
   * housekeeping may be deleting it; a message must never point at a deleted event, so it is skipped.
   */
  static final String NEXT_EVENTS = """
      select id, received_at, endpoint_id, headers, body, expiring from (
        select e.id, e.received_at, e.endpoint_id, e.headers::text as headers, e.body,
               e.received_at < now() - make_interval(secs => t.retention_seconds - $11) as expiring,
               sum(octet_length(e.body)) over (order by e.received_at, e.id) as upto
          from events e join tenants t on t.id = e.tenant_id
         where\s""" + JOB_EVENTS + """
           and (e.received_at, e.id) > ($7, $8)
         order by e.received_at, e.id
         limit $9) b
       where b.upto - octet_length(b.body) < $10
       order by received_at, id
      """;

  /** The routes to a queue now, with their filters. */
  static final String ROUTES_TO_QUEUE = """
      select endpoint_id, filter::text as filter from routes where tenant_id = $1 and queue_id = $2
      """;

  /**
   * Messages (marked replays) of queue $2 for the events ($3, $4), except events that still have a
   * message waiting there (ready, delayed or leased); wakes the queue's consumers on every node.
   */
  static final String ENQUEUE_MISSING = """
      with made as (
        insert into messages (tenant_id, queue_id, event_id, event_received_at, replay)
        select $1::text, $2::bigint, a.id, a.received_at, true
          from unnest($3::text[], $4::timestamptz[]) as a(id, received_at)
         where not exists (select 1 from messages m
                            where m.tenant_id = $1 and m.queue_id = $2::bigint and m.event_id = a.id
                              and m.state <> 'dead')
        returning id, queue_id)
      select count(*) as made,
             case when count(*) > 0 then pg_notify('inlet_queue', min(queue_id)::text) end as notified
        from made
      """;

  /** After a batch: the cursor moves, the counts grow, the lease is renewed; $7 true ends the job. */
  static final String ADVANCE = """
      update replay_jobs
         set cursor_received_at = coalesce($3, cursor_received_at), cursor_event_id = coalesce($4, cursor_event_id),
             done = done + $5, skipped = skipped + $6, error = null,
             lease_expires_at = case when $8 then null else now() + make_interval(secs => $7) end,
             lease_owner = case when $8 then null else lease_owner end,
             state = case when $8 then 'done' else state end,
             finished_at = case when $8 then now() else finished_at end
       where tenant_id = $1 and id = $2
      """;

  /** A batch failed: the lease lapses in $3 seconds, so this or another node tries again; $4 = why. */
  static final String BACK_OFF = """
      update replay_jobs set lease_expires_at = now() + make_interval(secs => $4), error = $5
       where tenant_id = $1 and id = $2 and lease_owner = $3 and state = 'running'
      """;

  static final String FAIL = """
      update replay_jobs set state = 'failed', finished_at = now(), lease_owner = null, lease_expires_at = null,
             error = $4
       where tenant_id = $1 and id = $2 and lease_owner = $3 and state = 'running'
      """;

  /** One event of the tenant for a resend, with whether it is too close to its retention to use. */
  static final String RESEND_EVENT = """
      select e.id, e.received_at, e.endpoint_id, e.headers::text as headers, e.body,
             e.received_at < now() - make_interval(secs => t.retention_seconds - $3) as expiring
        from events e join tenants t on t.id = e.tenant_id
       where e.tenant_id = $1 and e.id = $2
      """;

  /** The queues an endpoint routes to now, with the routes' filters. */
  static final String ROUTES_FROM_ENDPOINT = """
      select r.queue_id, q.name as queue_name, r.filter::text as filter
        from routes r join queues q on q.tenant_id = r.tenant_id and q.id = r.queue_id
       where r.tenant_id = $1 and r.endpoint_id = $2
       order by r.position, q.name
      """;

  /** One message (a replay) per queue in $4 for event ($2, $3); every node's consumers are woken. */
  static final String RESEND = """
      with made as (
        insert into messages (tenant_id, queue_id, event_id, event_received_at, replay)
        select $1::text, q, $2::text, $3::timestamptz, true from unnest($4::bigint[]) as q
        returning id, queue_id)
      select m.id, m.queue_id, pg_notify('inlet_queue', m.queue_id::text) as notified from made m
      """;
}
