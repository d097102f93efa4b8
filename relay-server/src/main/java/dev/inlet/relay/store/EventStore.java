package dev.inlet.relay.store;

import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Events as providers sent them. */
public final class EventStore {

  /** An event row: the provider's request, byte for byte. */
  public record EventRow(String id, String endpointId, OffsetDateTime receivedAt, String method, String pathQuery,
      JsonObject headers, String contentType, Buffer body, String dedupeKey, String sourceAddress,
      String eventType) {}

  public Future<Optional<EventRow>> find(SqlClient sql, TenantId tenant, EventId id) {
    return sql.preparedQuery(EventSql.FIND).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next())));
  }

  private static EventRow toRow(Row row) {
    return new EventRow(row.getString("id"), row.getString("endpoint_id"), row.getOffsetDateTime("received_at"),
        row.getString("method"), row.getString("path_query"), row.getJsonObject("headers"),
        row.getString("content_type"), row.getBuffer("body"), row.getString("dedupe_key"),
        row.getString("source_address"), row.getString("event_type"));
  }
}
