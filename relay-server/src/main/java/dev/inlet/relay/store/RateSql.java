package dev.inlet.relay.store;

/** Statements on {@code queue_rates}: per-minute in/out counts of each queue. */
final class RateSql {
  private RateSql() {}

  /**
   * Adds one node's counts: queue ids $1, epoch minutes $2, messages in $3 and out $4. The tenant
   * is the queue's own (a queue deleted meanwhile drops its counts).
   */
  static final String ADD = """
      insert into queue_rates (tenant_id, queue_id, minute, enqueued, acked)
      select q.tenant_id, c.queue_id, to_timestamp(c.minute * 60), c.enqueued, c.acked
        from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) as c(queue_id, minute, enqueued, acked)
        join queues q on q.id = c.queue_id
      on conflict (tenant_id, queue_id, minute) do update
         set enqueued = queue_rates.enqueued + excluded.enqueued, acked = queue_rates.acked + excluded.acked
      """;

  /** The last $3 minutes of queue $2 (this minute included), oldest first, a row for every minute. */
  static final String LAST_MINUTES = """
      select m.minute, coalesce(r.enqueued, 0) as enqueued, coalesce(r.acked, 0) as acked
        from generate_series(date_trunc('minute', now()) - make_interval(mins => $3 - 1), date_trunc('minute', now()),
                             interval '1 minute') as m(minute)
        left join queue_rates r on r.tenant_id = $1 and r.queue_id = $2 and r.minute = m.minute
       order by m.minute
      """;

  /** LAST_MINUTES for several queues of tenant $1 at once, by queue then minute. */
  static final String LAST_MINUTES_OF_QUEUES = """
      select q.id as queue_id, m.minute, coalesce(r.enqueued, 0) as enqueued, coalesce(r.acked, 0) as acked
        from unnest($2::bigint[]) as q(id)
       cross join generate_series(date_trunc('minute', now()) - make_interval(mins => $3 - 1), date_trunc('minute', now()),
                                  interval '1 minute') as m(minute)
        left join queue_rates r on r.tenant_id = $1 and r.queue_id = q.id and r.minute = m.minute
       order by q.id, m.minute
      """;

  /** Counts older than two hours. */
  static final String PURGE = "delete from queue_rates where minute < now() - interval '2 hours'";
}
