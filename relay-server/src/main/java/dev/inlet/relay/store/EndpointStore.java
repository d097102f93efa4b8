package dev.inlet.relay.store;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Endpoints and their routes, always looked up within one tenant. The {@code jsonb} columns
 * (verification, dedupe, route filters) come and go as JSON; their shape is the endpoint
 * package's {@code EndpointColumns}.
 */
public final class EndpointStore {

  /** An endpoint as stored, with its routes in order. */
  public record EndpointRow(EndpointId id, TenantId tenantId, String name, JsonObject verification,
      JsonObject dedupe, int dedupeWindowSeconds, int maxBodyBytes, boolean enabled, List<RouteRow> routes,
      OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /** A route as read: the queue's name and the filter. */
  public record RouteRow(String queue, JsonObject filter) {}

  /** A route to write: the queue's internal id and the filter. */
  public record RouteTarget(long queueId, JsonObject filter) {}

  /** A new endpoint's columns. */
  public record NewEndpoint(EndpointId id, String name, JsonObject verification, JsonObject dedupe,
      int dedupeWindowSeconds, int maxBodyBytes, boolean enabled) {}

  /** What an update sets; null keeps a value, except dedupe, replaced when {@code dedupeGiven}. */
  public record Changes(String name, JsonObject verification, boolean dedupeGiven, JsonObject dedupe,
      Integer dedupeWindowSeconds, Integer maxBodyBytes, Boolean enabled) {}

  public Future<Void> insert(SqlClient sql, TenantId tenant, NewEndpoint endpoint) {
    Tuple params = Tuple.of(tenant.value(), endpoint.id().value(), endpoint.name(), endpoint.verification(),
            endpoint.dedupe())
        .addValue(endpoint.dedupeWindowSeconds())
        .addValue(endpoint.maxBodyBytes())
        .addValue(endpoint.enabled());
    Future<RowSet<Row>> insert = sql.preparedQuery(EndpointSql.INSERT).execute(params);
    return StoreErrors.conflictOnDuplicate(insert, "an endpoint named '" + endpoint.name() + "' already exists")
        .mapEmpty();
  }

  /** Applies {@code changes}; whether the endpoint exists. */
  public Future<Boolean> update(SqlClient sql, TenantId tenant, EndpointId id, Changes changes) {
    Tuple params = Tuple.of(tenant.value(), id.value(), changes.name(), changes.verification())
        .addValue(changes.dedupeGiven())
        .addValue(changes.dedupe())
        .addValue(changes.dedupeWindowSeconds())
        .addValue(changes.maxBodyBytes())
        .addValue(changes.enabled());
    Future<RowSet<Row>> update = sql.preparedQuery(EndpointSql.UPDATE).execute(params);
    return StoreErrors.conflictOnDuplicate(update, "an endpoint named '" + changes.name() + "' already exists")
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> replaceRoutes(SqlClient sql, TenantId tenant, EndpointId id, List<RouteTarget> routes) {
    Future<RowSet<Row>> cleared = sql.preparedQuery(EndpointSql.DELETE_ROUTES).execute(Tuple.of(tenant.value(), id.value()));
    if (routes.isEmpty()) {
      return cleared.mapEmpty();
    }
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      RouteTarget route = routes.get(i);
      rows.add(Tuple.of(tenant.value(), id.value(), route.queueId(), route.filter(), i));
    }
    return cleared.compose(ignored -> sql.preparedQuery(EndpointSql.INSERT_ROUTE).executeBatch(rows)).mapEmpty();
  }

  public Future<Optional<EndpointRow>> find(SqlClient sql, TenantId tenant, EndpointId id) {
    return sql.preparedQuery(EndpointSql.FIND).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next())));
  }

  public Future<List<EndpointRow>> listAfter(SqlClient sql, TenantId tenant, String afterName, int limit) {
    return sql.preparedQuery(EndpointSql.LIST_AFTER).execute(Tuple.of(tenant.value(), afterName, limit)).map(rows -> {
      List<EndpointRow> endpoints = new ArrayList<>();
      rows.forEach(row -> endpoints.add(toRow(row)));
      return endpoints;
    });
  }

  /** An endpoint's stored verification, for the start-up pass that seals secrets again. */
  public record StoredVerification(TenantId tenantId, EndpointId id, JsonObject verification) {}

  /**
   * Every tenant's endpoints after {@code afterId} in id order: a relay-wide maintenance scan (the
   * start-up sealing pass), the one query here not scoped to a tenant.
   */
  public Future<List<StoredVerification>> verificationsAfter(SqlClient sql, String afterId, int limit) {
    return sql.preparedQuery(EndpointSql.VERIFICATIONS_AFTER).execute(Tuple.of(afterId, limit)).map(rows -> {
      List<StoredVerification> found = new ArrayList<>();
      rows.forEach(row -> found.add(new StoredVerification(new TenantId(row.getString("tenant_id")),
          new EndpointId(row.getString("id")), (JsonObject) row.getValue("verification"))));
      return found;
    });
  }

  /** Replaces the verification only if it is still {@code expected}: whether it did. */
  public Future<Boolean> replaceVerification(SqlClient sql, TenantId tenant, EndpointId id, JsonObject expected,
      JsonObject replacement) {
    return sql.preparedQuery(EndpointSql.REPLACE_VERIFICATION)
        .execute(Tuple.of(tenant.value(), id.value(), expected, replacement))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Whether {@code secret} became the endpoint's secret: false when it already had one. */
  public Future<Boolean> learnSecret(SqlClient sql, TenantId tenant, EndpointId id, String secret) {
    return sql.preparedQuery(EndpointSql.LEARN_SECRET).execute(Tuple.of(tenant.value(), id.value(), secret))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> delete(SqlClient sql, TenantId tenant, EndpointId id) {
    return sql.preparedQuery(EndpointSql.DELETE).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.rowCount() == 1);
  }

  private static EndpointRow toRow(Row row) {
    List<RouteRow> routes = new ArrayList<>();
    JsonArray routeJson = (JsonArray) row.getValue("routes");
    for (int i = 0; i < routeJson.size(); i++) {
      JsonObject route = routeJson.getJsonObject(i);
      routes.add(new RouteRow(route.getString("queue"), route.getJsonObject("filter")));
    }
    return new EndpointRow(new EndpointId(row.getString("id")), new TenantId(row.getString("tenant_id")),
        row.getString("name"), row.getJsonObject("verification"), row.getJsonObject("dedupe"),
        row.getInteger("dedupe_window_seconds"), row.getInteger("max_body_bytes"), row.getBoolean("enabled"), routes,
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}
