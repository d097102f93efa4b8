package dev.inlet.relay.store;

import dev.inlet.relay.endpoint.Endpoint;
import dev.inlet.relay.endpoint.EndpointJson;
import dev.inlet.relay.endpoint.EndpointSpec;
import dev.inlet.relay.endpoint.Route;
import dev.inlet.relay.endpoint.RouteFilter;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Endpoints and their routes, always looked up within one tenant. */
public final class EndpointStore {

  /** A route resolved to the queue's internal id. */
  public record RouteRow(long queueId, RouteFilter filter) {}

  public Future<Void> insert(SqlClient sql, TenantId tenant, EndpointId id, EndpointSpec spec) {
    Tuple params = Tuple.of(tenant.value(), id.value(), spec.name(),
            EndpointJson.verification(spec.verification(), true), EndpointJson.dedupe(spec.dedupe()))
        .addValue(spec.dedupeWindowSeconds() == null ? Endpoint.DEFAULT_DEDUPE_WINDOW_SECONDS : spec.dedupeWindowSeconds())
        .addValue(spec.maxBodyBytes() == null ? Endpoint.DEFAULT_MAX_BODY_BYTES : spec.maxBodyBytes())
        .addValue(spec.enabled() == null || spec.enabled());
    Future<RowSet<Row>> insert = sql.preparedQuery(EndpointSql.INSERT).execute(params);
    return StoreErrors.conflictOnDuplicate(insert, "an endpoint named '" + spec.name() + "' already exists")
        .mapEmpty();
  }

  /** Applies the non-null parts of {@code spec}; whether the endpoint exists. */
  public Future<Boolean> update(SqlClient sql, TenantId tenant, EndpointId id, EndpointSpec spec, boolean dedupeGiven) {
    Tuple params = Tuple.of(tenant.value(), id.value(), spec.name(),
            spec.verification() == null ? null : EndpointJson.verification(spec.verification(), true))
        .addValue(dedupeGiven)
        .addValue(EndpointJson.dedupe(spec.dedupe()))
        .addValue(spec.dedupeWindowSeconds())
        .addValue(spec.maxBodyBytes())
        .addValue(spec.enabled());
    Future<RowSet<Row>> update = sql.preparedQuery(EndpointSql.UPDATE).execute(params);
    return StoreErrors.conflictOnDuplicate(update, "an endpoint named '" + spec.name() + "' already exists")
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> replaceRoutes(SqlClient sql, TenantId tenant, EndpointId id, List<RouteRow> routes) {
    Future<RowSet<Row>> cleared = sql.preparedQuery(EndpointSql.DELETE_ROUTES).execute(Tuple.of(tenant.value(), id.value()));
    if (routes.isEmpty()) {
      return cleared.mapEmpty();
    }
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      RouteRow route = routes.get(i);
      rows.add(Tuple.of(tenant.value(), id.value(), route.queueId(), EndpointJson.filter(route.filter()), i));
    }
    return cleared.compose(ignored -> sql.preparedQuery(EndpointSql.INSERT_ROUTE).executeBatch(rows)).mapEmpty();
  }

  public Future<Optional<Endpoint>> find(SqlClient sql, TenantId tenant, EndpointId id) {
    return sql.preparedQuery(EndpointSql.FIND).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toEndpoint(rows.iterator().next())));
  }

  public Future<List<Endpoint>> listAfter(SqlClient sql, TenantId tenant, String afterName, int limit) {
    return sql.preparedQuery(EndpointSql.LIST_AFTER).execute(Tuple.of(tenant.value(), afterName, limit)).map(rows -> {
      List<Endpoint> endpoints = new ArrayList<>();
      rows.forEach(row -> endpoints.add(toEndpoint(row)));
      return endpoints;
    });
  }

  public Future<Boolean> delete(SqlClient sql, TenantId tenant, EndpointId id) {
    return sql.preparedQuery(EndpointSql.DELETE).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Endpoint toEndpoint(Row row) {
    List<Route> routes = new ArrayList<>();
    JsonArray routeJson = (JsonArray) row.getValue("routes");
    for (int i = 0; i < routeJson.size(); i++) {
      routes.add(EndpointJson.route(routeJson.getJsonObject(i)));
    }
    return new Endpoint(new EndpointId(row.getString("id")), new TenantId(row.getString("tenant_id")),
        row.getString("name"), EndpointJson.verification(row.getJsonObject("verification")),
        EndpointJson.dedupe(row.getJsonObject("dedupe")), row.getInteger("dedupe_window_seconds"),
        row.getInteger("max_body_bytes"), row.getBoolean("enabled"), routes,
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}
