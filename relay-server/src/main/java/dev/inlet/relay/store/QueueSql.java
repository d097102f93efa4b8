package dev.inlet.relay.store;

/** Statements on {@code queues} (and counts over their {@code messages}). */
final class QueueSql {
  private QueueSql() {}

  private static final String COLUMNS =
      "id, tenant_id, name, lease_seconds, max_attempts, retention_seconds, paused, created_at, updated_at";

  static final String INSERT = """
      insert into queues (tenant_id, name, lease_seconds, max_attempts, retention_seconds)
      values ($1, $2, $3, $4, $5)
      returning\s""" + COLUMNS;

  static final String FIND_BY_NAME = "select " + COLUMNS + " from queues where tenant_id = $1 and name = $2";

  static final String FIND_BY_NAMES =
      "select " + COLUMNS + " from queues where tenant_id = $1 and name = any($2)";

  static final String LIST_AFTER =
      "select " + COLUMNS + " from queues where tenant_id = $1 and name > $2 order by name limit $3";

  /** A null parameter keeps the current value. */
  static final String UPDATE = """
      update queues
         set lease_seconds = coalesce($3, lease_seconds),
             max_attempts = coalesce($4, max_attempts),
             retention_seconds = coalesce($5, retention_seconds),
             updated_at = now()
       where tenant_id = $1 and name = $2
      returning\s""" + COLUMNS;

  /**
   * Pauses ($3 true) or resumes the queue. A resume notifies every node's waiting consumers in the
   * same statement, as ingest's commit does.
   */
  static final String SET_PAUSED = """
      with changed as (
        update queues set paused = $3, updated_at = now() where tenant_id = $1 and name = $2
        returning\s""" + COLUMNS + """
      )
      select c.*, case when not c.paused then pg_notify('inlet_queue', c.id::text) end as notified from changed c
      """;

  /** Messages and routes of the queue go with it (foreign keys cascade). */
  /** Wakes the consumers of these queues on every node ({@code LISTEN inlet_queue}); one statement for a set. */
  static final String NOTIFY = "select pg_notify('inlet_queue', q::text) from unnest($1::bigint[]) as q";

  static final String DELETE = "delete from queues where tenant_id = $1 and name = $2";

  static final String STATS = """
      select count(*) filter (where state <> 'dead' and visible_at <= now()) as ready,
             count(*) filter (where state = 'ready' and visible_at > now()) as delayed,
             count(*) filter (where state = 'leased' and visible_at > now()) as leased,
             count(*) filter (where state = 'dead') as dead,
             extract(epoch from now() - min(enqueued_at) filter (where state <> 'dead' and visible_at <= now()))
               as oldest_ready_age
        from messages where tenant_id = $1 and queue_id = $2
      """;

  /** STATS for several queues of one tenant in one pass (a queue without messages has no row). */
  static final String STATS_OF_QUEUES = """
      select queue_id,
             count(*) filter (where state <> 'dead' and visible_at <= now()) as ready,
             count(*) filter (where state = 'ready' and visible_at > now()) as delayed,
             count(*) filter (where state = 'leased' and visible_at > now()) as leased,
             count(*) filter (where state = 'dead') as dead,
             extract(epoch from now() - min(enqueued_at) filter (where state <> 'dead' and visible_at <= now()))
               as oldest_ready_age
        from messages where tenant_id = $1 and queue_id = any($2::bigint[])
       group by queue_id
      """;

  /**
   * Every queue's depth, for the per-queue gauges: one statement per node every few seconds, not
   * one per scrape and queue.
   */
  static final String DEPTHS = """
      select q.tenant_id, q.id, q.name,
             count(m.id) filter (where m.state <> 'dead' and m.visible_at <= now()) as ready,
             count(m.id) filter (where m.state = 'leased' and m.visible_at > now()) as leased,
             count(m.id) filter (where m.state = 'dead') as dead,
             coalesce(extract(epoch from now() - min(m.enqueued_at) filter (where m.state <> 'dead' and m.visible_at <= now())),
                      0)::float8 as oldest_ready_age,
             q.paused
        from queues q left join messages m on m.queue_id = q.id and m.tenant_id = q.tenant_id
       group by q.tenant_id, q.id, q.name, q.paused
      """;
}
