package dev.inlet.relay.store;

/** Statements on {@code events} (the inserts are the inbound batch, in {@link IngestSql}). */
final class EventSql {
  private EventSql() {}

  static final String FIND = """
      select id, endpoint_id, received_at, method, path_query, headers, content_type, body, dedupe_key, source_address,
             event_type
        from events where tenant_id = $1 and id = $2
      """;
}
