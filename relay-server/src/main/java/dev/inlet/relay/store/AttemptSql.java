package dev.inlet.relay.store;

/**
 * Reading {@code delivery_attempts} (and the message they belong to, while it exists). The rows
 * are written by the consumer statements themselves, in {@link MessageSql}, when a lease ends; the
 * open lease is on the message row.
 */
final class AttemptSql {
  private AttemptSql() {}

  /** Ended attempts, one array per column; a lease already written down (a race with a settle) stays. */
  static final String WRITE = """
      insert into delivery_attempts (tenant_id, message_id, lease_token, queue_id, event_id, event_received_at,
                                     enqueued_at, attempt, token_id, via, lease_seconds, leased_at, outcome, reason,
                                     delay_seconds, settled_at)
      select * from unnest($1::text[], $2::bigint[], $3::uuid[], $4::bigint[], $5::text[], $6::timestamptz[],
                           $7::timestamptz[], $8::int[], $9::text[], $10::text[], $11::int[], $12::timestamptz[],
                           $13::text[], $14::text[], $15::float8[], $16::timestamptz[])
      on conflict do nothing
      """;

  /**
   * A message of tenant $1 by id $2: from {@code messages} while it is there, else from its last
   * attempt (an acked message is deleted; its attempts stay with its event). The queue must still
   * exist. {@code state} by database time (ready, delayed, leased, dead) while the message is
   * there, null once it is gone; {@code visible_at} only while it is there.
   */
  static final String FIND_MESSAGE = """
      select m.id, q.name as queue, m.event_id,
             case when m.state = 'dead' then 'dead'
                  when m.visible_at <= now() then 'ready'
                  when m.state = 'leased' then 'leased'
                  else 'delayed' end as state,
             m.visible_at, m.attempt, m.enqueued_at, m.last_error,
             m.dead_at, null::text as last_outcome
        from messages m join queues q on q.id = m.queue_id and q.tenant_id = m.tenant_id
       where m.tenant_id = $1 and m.id = $2
      union all
      select * from (
        select a.message_id, q.name, a.event_id, null, null::timestamptz, a.attempt, a.enqueued_at, a.reason,
               null::timestamptz, a.outcome
          from delivery_attempts a join queues q on q.id = a.queue_id and q.tenant_id = a.tenant_id
         where a.tenant_id = $1 and a.message_id = $2
           and not exists (select 1 from messages m where m.tenant_id = $1 and m.id = $2)
         order by a.leased_at desc limit 1) last
      """;

  /**
   * A page of message $2's attempts, oldest first, after ($3, $4) = (leased_at, lease_token) of
   * the previous page's last: the ended ones from {@code delivery_attempts}, and the open lease from
   * the message row. An open lease that has run out reads as {@code expired}, ending at the lease's
   * end: that is what it is, though the next lease will be the one to write it down.
   */
  static final String PAGE = """
      select * from (
        select a.attempt, a.lease_token, a.leased_at, a.token_id, a.via, a.lease_seconds, a.reason, a.delay_seconds,
               a.outcome, a.settled_at
          from delivery_attempts a
         where a.tenant_id = $1 and a.message_id = $2
        union all
        select m.attempt, m.lease_token, m.leased_at, m.leased_by, m.leased_via, m.lease_seconds, null, null,
               case when m.visible_at > now() then 'leased' else 'expired' end,
               case when m.visible_at > now() then null else m.visible_at end
          from messages m
         where m.tenant_id = $1 and m.id = $2 and m.lease_token is not null and m.leased_via is not null) attempts
       where (leased_at, lease_token) > ($3, $4)
       order by leased_at, lease_token
       limit $5
      """;

  /**
   * Attempts of events past their tenant's retention whose message is gone: the same rule that
   * removes the event itself. At most $1, found by the attempts' event time (BRIN), deleted by primary
   * key (a {@code ctid} names a row only within one Citus shard).
   */
  static final String PURGE = """
      delete from delivery_attempts where (tenant_id, message_id, lease_token) in (
        select t.id, old.message_id, old.lease_token from tenants t cross join lateral (
          select a.message_id, a.lease_token from delivery_attempts a
           where a.tenant_id = t.id and a.event_received_at < now() - make_interval(secs => t.retention_seconds)
             and not exists (select 1 from messages m where m.id = a.message_id and m.tenant_id = a.tenant_id)
           limit $1) old
         limit $1)
      """;
}
