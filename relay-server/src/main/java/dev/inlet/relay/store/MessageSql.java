package dev.inlet.relay.store;

/**
 * Statements on {@code messages}: the queue verbs. Visibility is database time only. A message is
 * visible when {@code state <> 'dead' and visible_at <= now()}; a lease moves {@code visible_at} to
 * the lease expiry and sets a fresh {@code lease_token}, which every settle verb must present.
 */
final class MessageSql {
  private MessageSql() {}

  /**
   * The ids of up to {@code limit} visible messages of queue $2, oldest first, skipping rows other
   * consumers hold; none while the queue is paused (a one-time check of the queue's row, so a paused
   * queue costs no scan). Used as {@code m.id = any(array(...))}: the planner then assumes a handful of
   * rows whatever the limit, so the plan PostgreSQL caches for a prepared statement stays an index
   * lookup (with a CTE joined on a {@code limit $n} it guesses 10 % of the table and hash-joins a
   * sequential scan).
   */
  private static String candidates(String limit) {
    return """
        m.tenant_id = $1 and m.id = any(array(
          select id from messages
           where tenant_id = $1 and queue_id = $2 and state <> 'dead' and visible_at <= now()
             and not exists (select 1 from queues p where p.tenant_id = $1 and p.id = $2 and p.paused)
           order by visible_at, id
           for update skip locked
           limit %s))
        """.formatted(limit);
  }

  /**
   * Leases visible messages of queue $2 for $3 seconds. A message already leased max-attempts ($4)
   * times is dead-lettered instead of delivered; the caller sees only the delivered ones (and how
   * many died). The lease (by token $5, via $6) is kept on the message row; its attempt is written
   * when it ends. A previous lease of the message that ran out unsettled comes back in the
   * {@code prior_*} columns, from the row as it was ({@code o}: the same row, read before this
   * update), to be written down as {@code expired}.
   */
  private static String lease(String limit) {
    return """
        with leased as (
          update messages m
             set attempt = case when m.attempt >= $4 then m.attempt else m.attempt + 1 end,
                 state = case when m.attempt >= $4 then 'dead' else 'leased' end,
                 visible_at = case when m.attempt >= $4 then m.visible_at else now() + make_interval(secs => $3) end,
                 lease_token = case when m.attempt >= $4 then null else gen_random_uuid() end,
                 dead_at = case when m.attempt >= $4 then now() else null end,
                 last_error = case when m.attempt >= $4 then 'max attempts reached' else m.last_error end,
                 leased_at = now(), leased_by = $5, leased_via = $6, lease_seconds = $3
            from messages o
           where o.id = m.id and o.tenant_id = m.tenant_id and\s""" + candidates(limit) + """
          returning m.id, m.state, m.attempt, m.lease_token, m.visible_at, m.enqueued_at, m.event_id, m.event_received_at,
                    m.replay,""" + PRIOR + """
        )
        select l.id, l.state, l.attempt, l.lease_token, l.visible_at as lease_expires_at, l.enqueued_at, l.event_id,
               l.event_received_at, l.replay, l.prior_token, l.prior_leased_at, l.prior_by, l.prior_via, l.prior_seconds,
               l.prior_attempt, l.prior_ended_at,
               e.endpoint_id, en.name as endpoint_name, e.method, e.received_at, e.headers::text as headers,
               e.content_type, e.body, e.traceparent, e.tracestate
          from leased l left join events e on e.tenant_id = $1 and e.id = l.event_id and e.received_at = l.event_received_at
               left join endpoints en on en.id = e.endpoint_id and en.tenant_id = e.tenant_id
         order by l.id
        """;
  }

  /**
   * The message's lease before the statement, from the row alias {@code o}: a lease still there
   * (its token set) was never settled, and ran out, or the message would not be visible; it ended
   * when the lease did.
   */
  private static final String PRIOR = """
       o.lease_token as prior_token, o.leased_at as prior_leased_at, o.leased_by as prior_by,
                    o.leased_via as prior_via, o.lease_seconds as prior_seconds, o.attempt as prior_attempt,
                    least(now(), o.visible_at) as prior_ended_at""";

  /**
   * One message, the {@code next} verb's. Its limit is written out, not a parameter, so that the
   * cached generic plan costs what a fresh one would and PostgreSQL stops re-planning it on every
   * call (planning took as long as running it).
   */
  static final String LEASE_ONE = lease("1");

  /** Up to $7 messages. */
  static final String LEASE_MANY = lease("$7");

  /**
   * As a lease, but the messages are deleted as they are delivered (at-most-once); the caller
   * records the attempt as acked at once, after the previous lease if that ran out.
   */
  private static String take(String limit) {
    return """
        with taken as (
          delete from messages m where\s""" + candidates(limit) + """
          returning m.id, m.attempt, m.enqueued_at, m.event_id, m.event_received_at, m.replay,""" + PRIOR.replace("o.", "m.") + """
        )
        select t.id, 'taken' as state, t.attempt + 1 as attempt, null::uuid as lease_token, now() as lease_expires_at,
               t.enqueued_at, t.event_id, t.event_received_at, t.replay, t.prior_token, t.prior_leased_at, t.prior_by,
               t.prior_via, t.prior_seconds, t.prior_attempt, t.prior_ended_at,
               e.endpoint_id, en.name as endpoint_name, e.method, e.received_at,
               e.headers::text as headers, e.content_type, e.body, e.traceparent, e.tracestate
          from taken t left join events e on e.tenant_id = $1 and e.id = t.event_id and e.received_at = t.event_received_at
               left join endpoints en on en.id = e.endpoint_id and en.tenant_id = e.tenant_id
         order by t.id
        """;
  }

  static final String TAKE_ONE = take("1");

  /** Up to $3 messages. */
  static final String TAKE_MANY = take("$3");

  /**
   * When the next message of a queue becomes visible (a nack delay or a lease ending), if any; none
   * while the queue is paused, so that its waiters sleep until the resume's signal.
   */
  static final String NEXT_VISIBLE_AT = """
      select visible_at from messages where tenant_id = $1 and queue_id = $2 and state <> 'dead'
         and not exists (select 1 from queues p where p.tenant_id = $1 and p.id = $2 and p.paused)
       order by visible_at, id limit 1
      """;

  /**
   * Settle statements match the message by id, a lease token that has not expired, and a queue the
   * caller may consume: $3 = the lease token, $4 = queue names the token is scoped to, $5 = whether
   * it is an admin token. Once a lease ran out the message may be someone else's: no settling it.
   */
  private static final String MATCH = """
         m.tenant_id = $1 and m.id = $2 and m.state = 'leased' and m.lease_token = $3 and m.visible_at > now()
         and q.tenant_id = m.tenant_id and m.queue_id = q.id and (q.name = any($4) or $5)
      """;

  /**
   * What a settled message returns for its attempt, written by the caller from the lease kept on
   * the row; a lease from before the lease was kept there ({@code leased_via} null) has none.
   */
  private static final String SETTLED = """
       m.id, m.queue_id, m.event_id, m.event_received_at, m.enqueued_at, m.attempt, m.leased_by, m.leased_via,
      m.lease_seconds, m.leased_at, now() as settled_at""";

  static final String ACK = "delete from messages m using queues q where" + MATCH
      + " returning q.name as queue_name," + SETTLED;

  /**
   * $6 = delay in seconds, or null for the default: exponential by attempt ($8 seconds, doubling),
   * capped at $9 seconds, with jitter (half to all of it) so failing consumers do not retry in step.
   * $7 = reason.
   */
  static final String NACK = """
      update messages m
         set state = 'ready', lease_token = null, last_error = $7,
             visible_at = now() + make_interval(secs => coalesce($6::float8,
                 least($9::float8, $8::float8 * power(2, greatest(m.attempt, 1) - 1)) * (0.5 + random() / 2)))
        from queues q where""" + MATCH + """
      returning q.name as queue_name, m.visible_at, extract(epoch from m.visible_at - now())::float8 as delay_seconds,""" + SETTLED;

  /** $6 = reason. */
  static final String REJECT = """
      update messages m set state = 'dead', dead_at = now(), lease_token = null, last_error = $6
        from queues q where""" + MATCH + """
      returning q.name as queue_name,""" + SETTLED;

  /** $6 = lease seconds from now; the lease's length (kept on the row for its attempt) grows to match. */
  static final String EXTEND = """
      update messages m set visible_at = now() + make_interval(secs => $6),
             lease_seconds = ceil(extract(epoch from now() + make_interval(secs => $6) - m.leased_at))
        from queues q where""" + MATCH + """
      returning m.queue_id, q.name as queue_name, m.visible_at
      """;

  /** Why a settle matched nothing: is there such a message in a queue the caller may consume? */
  static final String EXISTS = """
      select 1 from messages m join queues q on q.tenant_id = m.tenant_id and q.id = m.queue_id
       where m.tenant_id = $1 and m.id = $2 and (q.name = any($3) or $4)
      """;

  /**
   * Batch ack within one queue (unexpired leases only); returns the (id, lease) pairs deleted, with
   * what their attempts need.
   */
  static final String ACK_MANY = """
      delete from messages m using unnest($3::bigint[], $4::uuid[]) as a(id, lease_token)
       where m.tenant_id = $1 and m.queue_id = $2 and m.id = a.id and m.lease_token = a.lease_token
         and m.state = 'leased' and m.visible_at > now()
      returning m.lease_token,""" + SETTLED;

  /** Dead messages back to ready with attempts reset; all of the queue's, or the ids in $3. */
  static final String REDRIVE = """
      update messages set state = 'ready', attempt = 0, visible_at = now(), dead_at = null, lease_token = null
       where tenant_id = $1 and queue_id = $2 and state = 'dead' and ($3::bigint[] is null or id = any($3))
      """;

  /** A page of a queue's messages for inspection, by id; $3 = state or null for all, $4 = after id. */
  static final String LIST = """
      select id, state, attempt, visible_at, enqueued_at, event_id, last_error, dead_at from messages
       where tenant_id = $1 and queue_id = $2 and ($3::text is null or state = $3) and id > $4
       order by id limit $5
      """;

  /** Purge: every message of the queue, or only those in state $3. */
  static final String PURGE = """
      delete from messages where tenant_id = $1 and queue_id = $2 and ($3::text is null or state = $3)
      """;

  /**
   * Replay: stored events received in [$3, $4) become new messages of queue $2 — from endpoint $5,
   * or from every endpoint now routed to the queue — oldest first, at most $6.
   */
  static final String REPLAY = """
      insert into messages (tenant_id, queue_id, event_id, event_received_at)
      select e.tenant_id, $2, e.id, e.received_at from events e
       where e.tenant_id = $1 and e.received_at >= $3 and e.received_at < $4
         and (case when $5::text is null
                   then e.endpoint_id in (select r.endpoint_id from routes r where r.tenant_id = $1 and r.queue_id = $2)
                   else e.endpoint_id = $5 end)
       order by e.received_at, e.id
       limit $6
      """;

  /** A stream's unacked leases go back to the queue at once when the stream ends. */
  static final String RELEASE = """
      update messages m set state = 'ready', visible_at = now(), lease_token = null
        from unnest($3::bigint[], $4::uuid[]) as r(id, lease_token)
       where m.tenant_id = $1 and m.queue_id = $2 and m.state = 'leased' and m.id = r.id and m.lease_token = r.lease_token
      returning r.lease_token,""" + SETTLED;

  /**
   * Leases taken but never delivered (a batch over its byte bound) go back as if never leased:
   * their attempt is given back too, so no message can die of deliveries it never had, and none is
   * written down.
   */
  static final String UNLEASE = """
      update messages m set state = 'ready', visible_at = now(), lease_token = null, attempt = greatest(m.attempt - 1, 0)
        from unnest($3::bigint[], $4::uuid[]) as r(id, lease_token)
       where m.tenant_id = $1 and m.queue_id = $2 and m.state = 'leased' and m.id = r.id and m.lease_token = r.lease_token
      returning m.id
      """;

  /** Which of a stream's leases are still outstanding (acked elsewhere, or expired, are not). */
  static final String STILL_LEASED = """
      select m.id from messages m join unnest($3::bigint[], $4::uuid[]) as a(id, lease_token)
        on m.id = a.id and m.lease_token = a.lease_token
       where m.tenant_id = $1 and m.queue_id = $2 and m.state = 'leased' and m.visible_at > now()
      """;
}
