package dev.inlet.relay.store;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Events as providers sent them. */
public final class EventStore {

  /**
   * An event row: the provider's request, byte for byte. {@code queueIds}: the queues it was routed
   * to at ingest (empty for events stored before that was recorded).
   */
  public record EventRow(String id, String endpointId, OffsetDateTime receivedAt, String method, String pathQuery,
      JsonObject headers, String contentType, Buffer body, String dedupeKey, String sourceAddress,
      String eventType, List<Long> queueIds, String traceparent, String tracestate) {}

  /** One event of a search page, without its body. */
  public record EventSummaryRow(String id, String endpointId, String endpointName, String eventType,
      OffsetDateTime receivedAt, long size, String contentType, String dedupeKey) {}

  /**
   * A search: {@code endpoint}, {@code type}, {@code queueId} and {@code outcome} null for any; the
   * page is in [{@code from}, {@code to}) and before ({@code beforeTime}, {@code beforeId}).
   */
  public record Search(EndpointId endpoint, String type, Long queueId, String outcome, OffsetDateTime from,
      OffsetDateTime to, OffsetDateTime beforeTime, String beforeId, int limit) {}

  /**
   * An event's message in one queue; when none is left ({@code gone}), {@code messageId} is the last
   * one a consumer leased (its attempts are kept), or null.
   */
  public record DeliveryRow(String queue, Long messageId, String state, Integer attempt, String lastError) {}

  public Future<Optional<EventRow>> find(SqlClient sql, TenantId tenant, EventId id) {
    return sql.preparedQuery(EventSql.FIND).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next())));
  }

  public Future<List<EventSummaryRow>> search(SqlClient sql, TenantId tenant, Search search) {
    Tuple params = Tuple.of(tenant.value(), search.endpoint() == null ? null : search.endpoint().value(),
        search.from(), search.to(), search.beforeTime(), search.beforeId(), search.type())
        .addValue(search.queueId()).addValue(search.outcome()).addInteger(search.limit());
    String statement = search.endpoint() == null ? EventSql.SEARCH_TENANT : EventSql.SEARCH_ENDPOINT;
    return sql.preparedQuery(statement).execute(params).map(rows -> {
      List<EventSummaryRow> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new EventSummaryRow(row.getString("id"), row.getString("endpoint_id"), row.getString("endpoint_name"),
            row.getString("event_type"), row.getOffsetDateTime("received_at"), row.getLong("size"),
            row.getString("content_type"), row.getString("dedupe_key")));
      }
      return out;
    });
  }

  public Future<List<DeliveryRow>> deliveries(SqlClient sql, TenantId tenant, EventRow event) {
    Tuple params = Tuple.of(tenant.value(), event.id(), event.receivedAt())
        .addArrayOfLong(event.queueIds().toArray(new Long[0]));
    return sql.preparedQuery(EventSql.DELIVERIES).execute(params).map(rows -> {
      List<DeliveryRow> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new DeliveryRow(row.getString("queue"), row.getLong("message_id"), row.getString("state"),
            row.getInteger("attempt"), row.getString("last_error")));
      }
      return out;
    });
  }

  private static EventRow toRow(Row row) {
    Long[] queues = row.getArrayOfLongs("queue_ids");
    return new EventRow(row.getString("id"), row.getString("endpoint_id"), row.getOffsetDateTime("received_at"),
        row.getString("method"), row.getString("path_query"), row.getJsonObject("headers"),
        row.getString("content_type"), row.getBuffer("body"), row.getString("dedupe_key"),
        row.getString("source_address"), row.getString("event_type"),
        queues == null ? List.of() : Arrays.asList(queues), row.getString("traceparent"), row.getString("tracestate"));
  }
}
