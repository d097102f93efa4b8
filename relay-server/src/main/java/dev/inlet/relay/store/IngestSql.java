package dev.inlet.relay.store;

/** Statements of the inbound path: the endpoint lookup and the group-committed batch insert. */
final class IngestSql {
  private IngestSql() {}

  /** The one lookup not scoped by tenant: the endpoint id in the URL is how the tenant is found. */
  static final String FIND_ENDPOINT = """
      select e.id, e.tenant_id, e.name, e.verification, e.dedupe, e.dedupe_window_seconds, e.max_body_bytes,
             e.enabled, t.status as tenant_status, t.ingest_rate_per_sec,
             coalesce((select jsonb_agg(jsonb_build_object('queueId', r.queue_id, 'filter', r.filter) order by r.position)
                         from routes r where r.tenant_id = e.tenant_id and r.endpoint_id = e.id), '[]'::jsonb) as routes
        from endpoints e join tenants t on t.id = e.tenant_id
       where e.id = $1
      """;

  /**
   * A whole batch in one statement, hence one implicit transaction and one round trip. The dedupe
   * claim always returns a row per key: our proposed event id when we claimed it (new, or the old
   * claim expired), else the first event's id. Only claimed rows become events and messages, and
   * NOTIFY reaches other nodes when the statement commits. Keys must be unique within a batch and
   * sorted, so concurrent batches lock dedupe rows in the same order. Each input row is also one
   * row of the request log, accepted or duplicate (an accepted one takes its headers from its event).
   */
  static final String COMMIT_BATCH = """
      with input as (
        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[],
                             $8::text[], $9::text[], $10::bytea[], $11::text[], $15::text[],
                             $16::text[], $17::text[])
          as u(tenant_id, endpoint_id, dedupe_key, event_id, window_seconds, method, path_query, headers,
               content_type, body, source_address, event_type, traceparent, tracestate)
      ),
      claims as (
        insert into dedupe_keys as d (tenant_id, endpoint_id, key, event_id, expires_at)
        select tenant_id, endpoint_id, dedupe_key, event_id, now() + make_interval(secs => window_seconds) from input
        on conflict (tenant_id, endpoint_id, key) do update
           set event_id = case when d.expires_at <= now() then excluded.event_id else d.event_id end,
               expires_at = case when d.expires_at <= now() then excluded.expires_at else d.expires_at end,
               tenant_id = d.tenant_id
        returning d.endpoint_id, d.key, d.event_id
      ),
      accepted as (
        select i.* from input i join claims c on c.event_id = i.event_id
      ),
      new_events as (
        insert into events (tenant_id, id, endpoint_id, method, path_query, headers, content_type, body, dedupe_key,
                            source_address, event_type, queue_ids, traceparent, tracestate)
        select a.tenant_id, a.event_id, a.endpoint_id, a.method, a.path_query, a.headers::jsonb, a.content_type, a.body,
               a.dedupe_key, a.source_address, a.event_type,
               array(select q.queue_id from unnest($13::bigint[], $14::text[]) as q(queue_id, event_id)
                      where q.event_id = a.event_id),
               a.traceparent, a.tracestate
          from accepted a
        returning id
      ),
      logged as (
        insert into request_log (tenant_id, endpoint_id, outcome, event_id, source_address, method, headers, body_size,
                                 event_type)
        select i.tenant_id, i.endpoint_id, case when c.event_id = i.event_id then 'accepted' else 'duplicate' end,
               c.event_id, i.source_address, i.method,
               case when c.event_id = i.event_id then null else i.headers::jsonb end, octet_length(i.body),
               i.event_type
          from input i join claims c on c.endpoint_id = i.endpoint_id and c.key = i.dedupe_key
      ),
      new_messages as (
        insert into messages (tenant_id, queue_id, event_id, event_received_at)
        select m.tenant_id, m.queue_id, m.event_id, now()
          from unnest($12::text[], $13::bigint[], $14::text[]) with ordinality as m(tenant_id, queue_id, event_id, ord)
          join accepted a on a.event_id = m.event_id
         order by m.ord
        returning queue_id
      ),
      notified as (
        select pg_notify('inlet_queue', queue_id::text) from (select distinct queue_id from new_messages) q
      )
      select c.endpoint_id, c.key, c.event_id,
             (select count(*) from notified) as queues_notified,
             (select count(*) from new_events) as events_inserted
        from claims c
      """;
}
