package dev.inlet.relay.store;

/** Statements on {@code events} (the inserts are the inbound batch, in {@link IngestSql}). */
final class EventSql {
  private EventSql() {}

  static final String FIND = """
      select id, endpoint_id, received_at, method, path_query, headers, content_type, body, dedupe_key, source_address,
             event_type, queue_ids, traceparent, tracestate
        from events where tenant_id = $1 and id = $2
      """;

  private static final String SEARCH = """
      select e.id, e.endpoint_id, ep.name as endpoint_name, e.event_type, e.received_at, octet_length(e.body) as size,
             e.content_type, e.dedupe_key
        from events e left join endpoints ep on ep.tenant_id = e.tenant_id and ep.id = e.endpoint_id
       where e.tenant_id = $1 %s
         and e.received_at >= $3 and e.received_at < $4 and (e.received_at, e.id) < ($5, $6)
         and ($7::text is null or e.event_type = $7)
         and ($8::bigint is null or e.queue_ids @> array[$8::bigint]
              or exists (select 1 from messages m where m.tenant_id = e.tenant_id and m.event_id = e.id
                                    and m.queue_id = $8))
         and ($9::text is null
              or $9 = 'pending' and exists (select 1 from messages m where m.tenant_id = e.tenant_id and m.event_id = e.id
                                             and m.event_received_at = e.received_at and m.state <> 'dead')
              or $9 = 'dead' and exists (select 1 from messages m where m.tenant_id = e.tenant_id and m.event_id = e.id
                                          and m.event_received_at = e.received_at and m.state = 'dead')
              or $9 = 'settled' and not exists (select 1 from messages m where m.tenant_id = e.tenant_id and m.event_id = e.id
                                                 and m.event_received_at = e.received_at))
       order by e.received_at desc, e.id desc
       limit $10
      """;

  /**
   * A page of a tenant's events, newest first, in [$3, $4) and before the cursor ($5, $6); $2 the
   * endpoint or null. With an endpoint the page walks that endpoint's index, else the tenant's.
   * $8, a queue's id: events routed to it at ingest, or with a message in it (a replay's).
   * $9: pending (a message waits or is leased), dead (one is dead), settled (none is left).
   */
  static final String SEARCH_TENANT = SEARCH.formatted("and $2::text is null");
  static final String SEARCH_ENDPOINT = SEARCH.formatted("and e.endpoint_id = $2");

  /**
   * What became of an event in each queue: its messages, and the queues it was routed to at ingest
   * that hold none of them any more (acked or purged: acked messages are deleted).
   */
  static final String DELIVERIES = """
      select q.name as queue, m.id as message_id,
             case when m.state = 'dead' then 'dead'
                  when m.state = 'leased' and m.visible_at > now() then 'leased'
                  when m.state = 'ready' and m.visible_at > now() then 'delayed'
                  else 'ready' end as state,
             m.attempt, m.last_error
        from messages m join queues q on q.tenant_id = m.tenant_id and q.id = m.queue_id
       where m.tenant_id = $1 and m.event_id = $2 and m.event_received_at = $3
      union all
      -- gone: the last message it had there, if a consumer ever leased it (its attempts are kept)
      select q.name,
             (select max(a.message_id) from delivery_attempts a
               where a.tenant_id = $1 and a.event_id = $2 and a.event_received_at = $3 and a.queue_id = q.id),
             'gone', null, null
        from queues q
       where q.tenant_id = $1 and q.id = any($4::bigint[])
         and not exists (select 1 from messages m where m.tenant_id = $1 and m.event_id = $2 and m.queue_id = q.id)
       order by 1, 2
      """;
}
