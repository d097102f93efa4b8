package dev.inlet.relay.store;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The request log: every inbound request to a known endpoint, and what the cap dropped. */
public final class RequestLogStore {

  /** A row the relay buffered: refused or handshake, {@code ageMicros} old when written. */
  public record NewRequest(TenantId tenantId, EndpointId endpointId, long ageMicros, String outcome, String reason,
      String eventId, String sourceAddress, String method, String headersJson, int bodySize, Buffer bodyPreview,
      String eventType) {}

  /** Refused rows the relay dropped before writing them. */
  public record Drop(TenantId tenantId, EndpointId endpointId, long count) {}

  /** What a flush wrote; {@code trimmed} and {@code overCap} rows were dropped by the cap. */
  public record Written(long inserted, long trimmed, long overCap) {}

  public record RequestRow(long id, OffsetDateTime receivedAt, String endpointId, String outcome, String reason,
      String eventId, String sourceAddress, String method, JsonObject headers, int bodySize, Buffer bodyPreview,
      String eventType) {}

  /** One minute, outcome and reason, and how many requests. */
  public record CountRow(OffsetDateTime minute, String outcome, String reason, long count) {}

  public record DropRow(long dropped, OffsetDateTime lastDroppedAt) {}

  /** The page before ({@code beforeTime}, {@code beforeId}) within [{@code from}, {@code to}). */
  public record Window(OffsetDateTime from, OffsetDateTime to, OffsetDateTime beforeTime, long beforeId) {}

  public Future<Written> write(SqlClient sql, List<NewRequest> rows, List<Drop> drops, int maxRefusedPerEndpoint) {
    int n = rows.size();
    String[] tenant = new String[n];
    String[] endpoint = new String[n];
    Long[] age = new Long[n];
    String[] outcome = new String[n];
    String[] reason = new String[n];
    String[] event = new String[n];
    String[] source = new String[n];
    String[] method = new String[n];
    String[] headers = new String[n];
    Integer[] size = new Integer[n];
    Buffer[] preview = new Buffer[n];
    String[] type = new String[n];
    for (int i = 0; i < n; i++) {
      NewRequest row = rows.get(i);
      tenant[i] = row.tenantId().value();
      endpoint[i] = row.endpointId().value();
      age[i] = row.ageMicros();
      outcome[i] = row.outcome();
      reason[i] = row.reason();
      event[i] = row.eventId();
      source[i] = row.sourceAddress();
      method[i] = row.method();
      headers[i] = row.headersJson();
      size[i] = row.bodySize();
      preview[i] = row.bodyPreview();
      type[i] = row.eventType();
    }
    String[] dropTenant = new String[drops.size()];
    String[] dropEndpoint = new String[drops.size()];
    Long[] dropCount = new Long[drops.size()];
    for (int i = 0; i < drops.size(); i++) {
      dropTenant[i] = drops.get(i).tenantId().value();
      dropEndpoint[i] = drops.get(i).endpointId().value();
      dropCount[i] = drops.get(i).count();
    }
    Tuple params = Tuple.tuple().addArrayOfString(tenant).addArrayOfString(endpoint).addArrayOfLong(age)
        .addArrayOfString(outcome).addArrayOfString(reason).addArrayOfString(event).addArrayOfString(source)
        .addArrayOfString(method).addArrayOfString(headers).addArrayOfInteger(size).addArrayOfBuffer(preview)
        .addArrayOfString(type).addArrayOfString(dropTenant).addArrayOfString(dropEndpoint).addArrayOfLong(dropCount)
        .addInteger(maxRefusedPerEndpoint);
    return sql.preparedQuery(RequestLogSql.WRITE).execute(params).map(result -> {
      Row row = result.iterator().next();
      return new Written(row.getLong("inserted"), row.getLong("trimmed"), row.getLong("over_cap"));
    });
  }

  /** {@code outcome}: accepted, duplicate, refused, handshake, or null for all. */
  public Future<List<RequestRow>> list(SqlClient sql, TenantId tenant, EndpointId endpoint, String outcome,
      Window window, int limit) {
    Tuple params = Tuple.of(tenant.value(), endpoint.value(), window.from(), window.to(), window.beforeTime(),
        window.beforeId(), limit);
    return sql.preparedQuery(RequestLogSql.list(outcome)).execute(params).map(rows -> {
      List<RequestRow> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new RequestRow(row.getLong("id"), row.getOffsetDateTime("received_at"), row.getString("endpoint_id"),
            row.getString("outcome"), row.getString("reason"), row.getString("event_id"),
            row.getString("source_address"), row.getString("method"), (JsonObject) row.getValue("headers"),
            row.getInteger("body_size"), row.getBuffer("body_preview"), row.getString("event_type")));
      }
      return out;
    });
  }

  public Future<List<CountRow>> counts(SqlClient sql, TenantId tenant, EndpointId endpoint, int windowSeconds) {
    return sql.preparedQuery(RequestLogSql.STATS).execute(Tuple.of(tenant.value(), endpoint.value(), windowSeconds))
        .map(rows -> {
          List<CountRow> out = new ArrayList<>(rows.size());
          for (Row row : rows) {
            out.add(new CountRow(row.getOffsetDateTime("minute"), row.getString("outcome"), row.getString("reason"),
                row.getLong("n")));
          }
          return out;
        });
  }

  public Future<Optional<DropRow>> drops(SqlClient sql, TenantId tenant, EndpointId endpoint) {
    return sql.preparedQuery(RequestLogSql.DROPS).execute(Tuple.of(tenant.value(), endpoint.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new DropRow(
            rows.iterator().next().getLong("dropped"), rows.iterator().next().getOffsetDateTime("last_dropped_at"))));
  }
}
