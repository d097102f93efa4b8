package dev.inlet.relay.endpoint;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.store.EndpointStore;
import dev.inlet.relay.store.EndpointStore.RouteRow;
import dev.inlet.relay.store.QueueStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A tenant's endpoints. Writes check the scheme rules and resolve routes in one transaction. */
public final class EndpointService {
  private final Pool pool;
  private final EndpointStore endpoints;
  private final QueueStore queues;

  public EndpointService(Pool pool, EndpointStore endpoints, QueueStore queues) {
    this.pool = pool;
    this.endpoints = endpoints;
    this.queues = queues;
  }

  public Future<Endpoint> create(TenantId tenant, EndpointSpec spec) {
    checkRules(spec);
    EndpointId id = EndpointId.random();
    List<Route> routes = spec.routes() == null ? List.of() : spec.routes();
    return pool.withTransaction(tx -> resolve(tx, tenant, routes)
        .compose(rows -> endpoints.insert(tx, tenant, id, spec)
            .compose(ignored -> endpoints.replaceRoutes(tx, tenant, id, rows)))
        .compose(ignored -> require(tx, tenant, id)));
  }

  public Future<Endpoint> update(TenantId tenant, EndpointId id, EndpointSpec spec, boolean dedupeGiven) {
    checkRules(spec);
    return pool.withTransaction(tx -> endpoints.update(tx, tenant, id, spec, dedupeGiven)
        .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(notFound(id)))
        .compose(ignored -> spec.routes() == null
            ? Future.succeededFuture()
            : resolve(tx, tenant, spec.routes()).compose(rows -> endpoints.replaceRoutes(tx, tenant, id, rows)))
        .compose(ignored -> require(tx, tenant, id)));
  }

  public Future<Endpoint> get(TenantId tenant, EndpointId id) {
    return require(pool, tenant, id);
  }

  public Future<List<Endpoint>> list(TenantId tenant, String afterName, int limit) {
    return endpoints.listAfter(pool, tenant, afterName, limit);
  }

  public Future<Void> delete(TenantId tenant, EndpointId id) {
    return endpoints.delete(pool, tenant, id)
        .compose(deleted -> deleted ? Future.succeededFuture() : Future.failedFuture(notFound(id)));
  }

  private static void checkRules(EndpointSpec spec) {
    List<FieldError> errors = EndpointRules.check(spec);
    if (!errors.isEmpty()) {
      throw InletProblem.invalid(errors);
    }
  }

  /** Route queue names to queue ids; a name with no queue is a 422 pointing at that route. */
  private Future<List<RouteRow>> resolve(SqlClient sql, TenantId tenant, List<Route> routes) {
    List<String> names = routes.stream().map(Route::queue).collect(Collectors.toList());
    return queues.findAll(sql, tenant, names).compose(found -> {
      Map<String, Queue> byName = found.stream().collect(Collectors.toMap(Queue::name, Function.identity()));
      List<FieldError> missing = new ArrayList<>();
      List<RouteRow> rows = new ArrayList<>();
      for (int i = 0; i < routes.size(); i++) {
        Queue queue = byName.get(routes.get(i).queue());
        if (queue == null) {
          missing.add(new FieldError("/routes/" + i + "/queue", "no queue named '" + routes.get(i).queue() + "'"));
        } else {
          rows.add(new RouteRow(queue.id(), routes.get(i).filter()));
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
    return endpoints.find(sql, tenant, id)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(notFound(id))));
  }

  private static InletProblem notFound(EndpointId id) {
    return InletProblem.notFound("no endpoint " + id.value());
  }
}
