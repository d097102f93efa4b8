package dev.inlet.relay.store;

/**
 * Statements on {@code request_log} and {@code request_log_drops}. Accepted and duplicate rows are
 * inserted by the ingest batch ({@link IngestSql#COMMIT_BATCH}); these write the rest and read all.
 */
final class RequestLogSql {
  private RequestLogSql() {}

  /**
   * One flush of the relay's buffer: refused and handshake rows, each dated by its age in the buffer
   * so the log keeps the database's clock. An endpoint keeps at most $16 refused rows, its newest:
   * a batch over the cap keeps its newest $16, and older rows are trimmed to make room. What the cap
   * trimmed or left out, and what the relay dropped before writing ($13–$15), is added to the
   * endpoint's drop count.
   */
  static final String WRITE = """
      with input as (
        select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                             $8::text[], $9::text[], $10::int[], $11::bytea[], $12::text[]) with ordinality
          as u(tenant_id, endpoint_id, age_us, outcome, reason, event_id, source_address, method, headers, body_size,
               body_preview, event_type, ord)
      ),
      ranked as (
        select i.*, row_number() over (partition by i.endpoint_id, i.outcome = 'refused' order by i.ord desc) as newest
          from input i
      ),
      inserted as (
        insert into request_log (tenant_id, endpoint_id, received_at, outcome, reason, event_id, source_address, method,
                                 headers, body_size, body_preview, event_type)
        select tenant_id, endpoint_id, now() - make_interval(secs => age_us / 1000000.0), outcome, reason, event_id,
               source_address, method, headers::jsonb, body_size, body_preview, event_type
          from ranked where outcome <> 'refused' or newest <= $16
         order by ord
        returning 1
      ),
      refused as (
        select tenant_id, endpoint_id, count(*) as n from input where outcome = 'refused' group by tenant_id, endpoint_id
      ),
      trimmed as (
        delete from request_log r where (r.tenant_id, r.endpoint_id, r.received_at, r.id) in (
          select old.tenant_id, old.endpoint_id, old.received_at, old.id from refused f cross join lateral (
            select o.tenant_id, o.endpoint_id, o.received_at, o.id from request_log o
             where o.tenant_id = f.tenant_id and o.endpoint_id = f.endpoint_id and o.outcome = 'refused'
             order by o.received_at desc, o.id desc
            offset greatest($16 - f.n, 0)) old)
        returning r.tenant_id, r.endpoint_id
      ),
      dropped as (
        select tenant_id, endpoint_id, sum(n)::bigint as n from (
          select tenant_id, endpoint_id, count(*) as n from trimmed group by 1, 2
          union all
          select tenant_id, endpoint_id, count(*) from ranked where outcome = 'refused' and newest > $16 group by 1, 2
          union all
          select * from unnest($13::text[], $14::text[], $15::bigint[])
        ) d group by 1, 2
      ),
      counted as (
        insert into request_log_drops as c (tenant_id, endpoint_id, dropped)
        select tenant_id, endpoint_id, n from dropped where n > 0
        on conflict (tenant_id, endpoint_id) do update set dropped = c.dropped + excluded.dropped, last_dropped_at = now()
        returning 1
      )
      select (select count(*) from inserted) as inserted,
             (select count(*) from trimmed) as trimmed,
             (select count(*) from ranked where outcome = 'refused' and newest > $16) as over_cap,
             (select count(*) from counted) as endpoints_dropping
      """;

  private static final String LIST = """
      select r.id, r.received_at, r.endpoint_id, r.outcome, r.reason, r.event_id,
             coalesce(r.source_address, e.source_address) as source_address, r.method,
             coalesce(r.headers, e.headers) as headers, r.body_size, r.body_preview, r.event_type
        from request_log r
        left join events e on r.outcome = 'accepted' and e.tenant_id = r.tenant_id and e.id = r.event_id
                          and e.received_at = r.received_at
       where r.tenant_id = $1 and r.endpoint_id = $2 and r.received_at >= $3 and r.received_at < $4
         and (r.received_at, r.id) < ($5, $6) %s
       order by r.received_at desc, r.id desc
       limit $7
      """;

  /**
   * A page of one endpoint's requests, newest first, in [$3, $4) and before the cursor ($5, $6). The
   * outcome is written into the text, not bound: refused rows are then read on their own index.
   * An accepted row's headers are its event's (stored once); the event shares its receive time.
   */
  static String list(String outcome) {
    return switch (outcome == null ? "" : outcome) {
      case "" -> LIST.formatted("");
      case "accepted", "duplicate", "refused", "handshake" -> LIST.formatted("and r.outcome = '" + outcome + "'");
      default -> throw new IllegalArgumentException(outcome);
    };
  }

  /** Counts per minute, outcome and reason over the last $3 seconds. */
  static final String STATS = """
      select date_trunc('minute', received_at) as minute, outcome, reason, count(*) as n
        from request_log
       where tenant_id = $1 and endpoint_id = $2 and received_at >= now() - make_interval(secs => $3)
       group by 1, 2, 3
       order by 1
      """;

  static final String DROPS = """
      select dropped, last_dropped_at from request_log_drops where tenant_id = $1 and endpoint_id = $2
      """;

  /**
   * Housekeeping: rows older than $2 seconds, at most $1 of them, found tenant by tenant on the BRIN
   * index. The table has no key: a row is named by (tenant_id, endpoint_id, received_at, id), which
   * {@code request_log_endpoint} finds, and not by {@code ctid}, which names a row only within one
   * Citus shard. The rows of a deleted endpoint go too; those of a deleted tenant went with it.
   */
  static final String PURGE = """
      delete from request_log where (tenant_id, endpoint_id, received_at, id) in (
        select t.id, old.endpoint_id, old.received_at, old.id from tenants t cross join lateral (
          select o.endpoint_id, o.received_at, o.id from request_log o
           where o.tenant_id = t.id and o.received_at < now() - make_interval(secs => $2)
           limit $1) old
         limit $1)
      """;
}
