package dev.inlet.relay.store;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inbound path's reads and writes. */
public final class IngestStore {

  /** An endpoint as the inbound path reads it, with its tenant's state and the queues it routes to. */
  public record IngestEndpointRow(EndpointId id, TenantId tenantId, String name, JsonObject verification,
      JsonObject dedupe, int dedupeWindowSeconds, int maxBodyBytes, boolean enabled, String tenantStatus,
      Integer tenantRatePerSecond, List<TargetRow> targets) {}

  /** A route: the queue's internal id and the filter ({@code jsonb}, or null). */
  public record TargetRow(long queueId, JsonObject filter) {}

  /** One event of a batch: its row, its dedupe claim, and the queues it fans out to. */
  public record NewEvent(TenantId tenantId, EndpointId endpointId, String dedupeKey, String eventId,
      int dedupeWindowSeconds, String method, String pathQuery, String headersJson, String contentType, Buffer body,
      String sourceAddress, String eventType, List<Long> queueIds, String traceparent, String tracestate) {}

  /** The event id the dedupe claim holds, and whether it was an earlier event's. */
  public record Committed(String eventId, boolean duplicate) {}

  public Future<Optional<IngestEndpointRow>> findEndpoint(SqlClient sql, EndpointId id) {
    return sql.preparedQuery(IngestSql.FIND_ENDPOINT).execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next())));
  }

  /**
   * Commits {@code batch} (keys unique and sorted by endpoint and key) in one statement; the results
   * come back in the batch's order.
   */
  public Future<List<Committed>> commitBatch(SqlClient sql, List<NewEvent> batch) {
    int n = batch.size();
    String[] tenant = new String[n];
    String[] endpoint = new String[n];
    String[] key = new String[n];
    String[] eventId = new String[n];
    Integer[] window = new Integer[n];
    String[] method = new String[n];
    String[] pathQuery = new String[n];
    String[] headers = new String[n];
    String[] contentType = new String[n];
    Buffer[] body = new Buffer[n];
    String[] source = new String[n];
    String[] type = new String[n];
    String[] traceparent = new String[n];
    String[] tracestate = new String[n];
    List<String> messageTenant = new ArrayList<>();
    List<Long> messageQueue = new ArrayList<>();
    List<String> messageEvent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NewEvent event = batch.get(i);
      tenant[i] = event.tenantId().value();
      endpoint[i] = event.endpointId().value();
      key[i] = event.dedupeKey();
      eventId[i] = event.eventId();
      window[i] = event.dedupeWindowSeconds();
      method[i] = event.method();
      pathQuery[i] = event.pathQuery();
      headers[i] = event.headersJson();
      contentType[i] = event.contentType();
      body[i] = event.body();
      source[i] = event.sourceAddress();
      type[i] = event.eventType();
      traceparent[i] = event.traceparent();
      tracestate[i] = event.tracestate();
      for (Long queue : event.queueIds()) {
        messageTenant.add(tenant[i]);
        messageQueue.add(queue);
        messageEvent.add(eventId[i]);
      }
    }
    Tuple params = Tuple.tuple()
        .addArrayOfString(tenant).addArrayOfString(endpoint).addArrayOfString(key).addArrayOfString(eventId)
        .addArrayOfInteger(window).addArrayOfString(method).addArrayOfString(pathQuery).addArrayOfString(headers)
        .addArrayOfString(contentType).addArrayOfBuffer(body).addArrayOfString(source)
        .addArrayOfString(messageTenant.toArray(new String[0]))
        .addArrayOfLong(messageQueue.toArray(new Long[0]))
        .addArrayOfString(messageEvent.toArray(new String[0]))
        .addArrayOfString(type)
        .addArrayOfString(traceparent).addArrayOfString(tracestate);
    return sql.preparedQuery(IngestSql.COMMIT_BATCH).execute(params).map(rows -> {
      Map<String, String> firstIdByKey = new HashMap<>();
      for (Row row : rows) {
        firstIdByKey.put(row.getString("endpoint_id") + "\n" + row.getString("key"), row.getString("event_id"));
      }
      List<Committed> results = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String stored = firstIdByKey.get(endpoint[i] + "\n" + key[i]);
        results.add(new Committed(stored, !eventId[i].equals(stored)));
      }
      return results;
    });
  }

  private static IngestEndpointRow toRow(Row row) {
    List<TargetRow> targets = new ArrayList<>();
    JsonArray routes = (JsonArray) row.getValue("routes");
    for (int i = 0; i < routes.size(); i++) {
      JsonObject route = routes.getJsonObject(i);
      targets.add(new TargetRow(route.getLong("queueId"), route.getJsonObject("filter")));
    }
    return new IngestEndpointRow(new EndpointId(row.getString("id")), new TenantId(row.getString("tenant_id")),
        row.getString("name"), row.getJsonObject("verification"), row.getJsonObject("dedupe"),
        row.getInteger("dedupe_window_seconds"), row.getInteger("max_body_bytes"), row.getBoolean("enabled"),
        row.getString("tenant_status"), row.getInteger("ingest_rate_per_sec"), targets);
  }
}
