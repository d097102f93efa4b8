package dev.inlet.relay.endpoint;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.store.EndpointStore;
import dev.inlet.relay.store.EndpointStore.RouteTarget;
import dev.inlet.relay.store.QueueStore;
import dev.inlet.relay.tenant.QuotaGuard;
import dev.inlet.relay.store.QueueStore.QueueRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A tenant's endpoints. Writes check the scheme rules and resolve routes in one transaction. */
public final class EndpointService {
  private final Pool pool;
  private final EndpointStore endpoints;
  private final QueueStore queues;
  private final Consumer<EndpointId> changed;
  private final QuotaGuard quotas;

  /** {@code changed} hears of every endpoint written or deleted on this node (caches forget it). */
  public EndpointService(Pool pool, EndpointStore endpoints, QueueStore queues, QuotaGuard quotas,
      Consumer<EndpointId> changed) {
    this.quotas = quotas;
    this.pool = pool;
    this.endpoints = endpoints;
    this.queues = queues;
    this.changed = changed;
  }

  public Future<Endpoint> create(TenantId tenant, EndpointSpec spec) {
    checkRules(spec);
    EndpointId id = EndpointId.random();
    List<Route> routes = spec.routes() == null ? List.of() : spec.routes();
    return pool.withTransaction(tx -> quotas.mayAddEndpoint(tx, tenant).compose(ok -> resolve(tx, tenant, routes))
        .compose(rows -> endpoints.insert(tx, tenant, newEndpoint(id, spec))
            .compose(ignored -> endpoints.replaceRoutes(tx, tenant, id, rows)))
        .compose(ignored -> require(tx, tenant, id)));
  }

  public Future<Endpoint> update(TenantId tenant, EndpointId id, EndpointSpec spec, boolean dedupeGiven) {
    checkRules(spec);
    return pool.withTransaction(tx -> endpoints.update(tx, tenant, id, changes(spec, dedupeGiven))
        .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(notFound(id)))
        .compose(ignored -> spec.routes() == null
            ? Future.succeededFuture()
            : resolve(tx, tenant, spec.routes()).compose(rows -> endpoints.replaceRoutes(tx, tenant, id, rows)))
        .compose(ignored -> require(tx, tenant, id)))
        .onComplete(done -> changed.accept(id));
  }

  public Future<Endpoint> get(TenantId tenant, EndpointId id) {
    return require(pool, tenant, id);
  }

  public Future<List<Endpoint>> list(TenantId tenant, String afterName, int limit) {
    return endpoints.listAfter(pool, tenant, afterName, limit)
        .map(rows -> rows.stream().map(Endpoint::from).toList());
  }

  /**
   * A secret the provider disclosed in its handshake (Asana) becomes the endpoint's secret, if it has
   * none yet. Whether it did.
   */
  public Future<Boolean> learnSecret(TenantId tenant, EndpointId id, String secret) {
    return endpoints.learnSecret(pool, tenant, id, secret).onComplete(done -> changed.accept(id));
  }

  public Future<Void> delete(TenantId tenant, EndpointId id) {
    return endpoints.delete(pool, tenant, id)
        .onComplete(done -> changed.accept(id))
        .compose(deleted -> deleted ? Future.succeededFuture() : Future.failedFuture(notFound(id)));
  }

  private static EndpointStore.NewEndpoint newEndpoint(EndpointId id, EndpointSpec spec) {
    return new EndpointStore.NewEndpoint(id, spec.name(), EndpointColumns.verification(spec.verification()),
        EndpointColumns.dedupe(spec.dedupe()),
        spec.dedupeWindowSeconds() == null ? Endpoint.DEFAULT_DEDUPE_WINDOW_SECONDS : spec.dedupeWindowSeconds(),
        spec.maxBodyBytes() == null ? Endpoint.DEFAULT_MAX_BODY_BYTES : spec.maxBodyBytes(),
        spec.enabled() == null || spec.enabled());
  }

  private static EndpointStore.Changes changes(EndpointSpec spec, boolean dedupeGiven) {
    return new EndpointStore.Changes(spec.name(),
        spec.verification() == null ? null : EndpointColumns.verification(spec.verification()), dedupeGiven,
        EndpointColumns.dedupe(spec.dedupe()), spec.dedupeWindowSeconds(), spec.maxBodyBytes(), spec.enabled());
  }

  private static void checkRules(EndpointSpec spec) {
    List<FieldError> errors = EndpointRules.check(spec);
    if (!errors.isEmpty()) {
      throw InletProblem.invalid(errors);
    }
  }

  /** Route queue names to queue ids; a name with no queue is a 422 pointing at that route. */
  private Future<List<RouteTarget>> resolve(SqlClient sql, TenantId tenant, List<Route> routes) {
    List<String> names = routes.stream().map(Route::queue).collect(Collectors.toList());
    return queues.findAll(sql, tenant, names).compose(found -> {
      Map<String, QueueRow> byName = found.stream().collect(Collectors.toMap(QueueRow::name, Function.identity()));
      List<FieldError> missing = new ArrayList<>();
      List<RouteTarget> rows = new ArrayList<>();
      for (int i = 0; i < routes.size(); i++) {
        QueueRow queue = byName.get(routes.get(i).queue());
        if (queue == null) {
          missing.add(new FieldError("/routes/" + i + "/queue", "no queue named '" + routes.get(i).queue() + "'"));
        } else {
          rows.add(new RouteTarget(queue.id(), EndpointColumns.filter(routes.get(i).filter())));
        }
      }
      if (!missing.isEmpty()) {
        String detail = missing.size() == 1 ? missing.get(0).detail() : missing.size() + " routes name no queue";
        return Future.failedFuture(new InletProblem(ProblemType.UNPROCESSABLE, detail, missing, Map.of()));
      }
      return Future.succeededFuture(rows);
    });
  }

  private Future<Endpoint> require(SqlClient sql, TenantId tenant, EndpointId id) {
    return endpoints.find(sql, tenant, id).map(found -> found.map(Endpoint::from))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(notFound(id))));
  }

  private static InletProblem notFound(EndpointId id) {
    return InletProblem.notFound("no endpoint " + id.value());
  }
}
