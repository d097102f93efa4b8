package dev.inlet.relay.store;

import dev.inlet.relay.endpoint.EndpointJson;
import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.endpoint.VerificationConfig;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.ingest.InboundEvent;
import dev.inlet.relay.ingest.IngestEndpoint;
import dev.inlet.relay.ingest.IngestResult;
import dev.inlet.relay.verify.Verifiers;
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

  public Future<Optional<IngestEndpoint>> findEndpoint(SqlClient sql, EndpointId id) {
    return sql.preparedQuery(IngestSql.FIND_ENDPOINT).execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toEndpoint(rows.iterator().next())));
  }

  /**
   * Commits {@code batch} (keys unique and sorted by endpoint and key) in one statement; the results
   * come back in the batch's order.
   */
  public Future<List<IngestResult>> commitBatch(SqlClient sql, List<InboundEvent> batch) {
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
    List<String> messageTenant = new ArrayList<>();
    List<Long> messageQueue = new ArrayList<>();
    List<String> messageEvent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      InboundEvent event = batch.get(i);
      tenant[i] = event.endpoint().tenantId().value();
      endpoint[i] = event.endpoint().id().value();
      key[i] = event.dedupeKey();
      eventId[i] = event.eventId().value();
      window[i] = event.endpoint().dedupeWindowSeconds();
      method[i] = event.method();
      pathQuery[i] = event.pathQuery();
      headers[i] = event.headers().encode();
      contentType[i] = event.contentType();
      body[i] = event.body();
      source[i] = event.sourceAddress();
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
        .addArrayOfString(messageEvent.toArray(new String[0]));
    return sql.preparedQuery(IngestSql.COMMIT_BATCH).execute(params).map(rows -> {
      Map<String, String> firstIdByKey = new HashMap<>();
      for (Row row : rows) {
        firstIdByKey.put(row.getString("endpoint_id") + "\n" + row.getString("key"), row.getString("event_id"));
      }
      List<IngestResult> results = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String stored = firstIdByKey.get(endpoint[i] + "\n" + key[i]);
        results.add(new IngestResult(stored, !eventId[i].equals(stored)));
      }
      return results;
    });
  }

  private static IngestEndpoint toEndpoint(Row row) {
    VerificationConfig verification = EndpointJson.verification(row.getJsonObject("verification"));
    List<IngestEndpoint.Target> targets = new ArrayList<>();
    JsonArray routes = (JsonArray) row.getValue("routes");
    for (int i = 0; i < routes.size(); i++) {
      JsonObject route = routes.getJsonObject(i);
      targets.add(new IngestEndpoint.Target(route.getLong("queueId"), EndpointJson.filter(route.getJsonObject("filter"))));
    }
    boolean accepting = row.getBoolean("enabled") && "active".equals(row.getString("tenant_status"));
    return new IngestEndpoint(new EndpointId(row.getString("id")), new TenantId(row.getString("tenant_id")),
        row.getString("name"), Scheme.fromWireName(verification.scheme()).orElse(Scheme.NONE), verification,
        Verifiers.forConfig(verification), EndpointJson.dedupe(row.getJsonObject("dedupe")),
        row.getInteger("dedupe_window_seconds"), row.getInteger("max_body_bytes"), accepting,
        row.getInteger("ingest_rate_per_sec"), targets);
  }
}
