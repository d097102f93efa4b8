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
import dev.inlet.relay.secret.UnreadableSecretException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A tenant's endpoints. Writes check the scheme rules and resolve routes in one transaction. */
public final class EndpointService {
  private static final Logger log = LoggerFactory.getLogger(EndpointService.class);
  private static final int RESEAL_BATCH = 200;
  private final Pool pool;
  private final EndpointStore endpoints;
  private final QueueStore queues;
  private final EndpointSecrets secrets;
  private final Consumer<EndpointId> changed;
  private final QuotaGuard quotas;

  /** {@code changed} hears of every endpoint written or deleted on this node (caches forget it). */
  public EndpointService(Pool pool, EndpointStore endpoints, QueueStore queues, EndpointSecrets secrets,
      QuotaGuard quotas, Consumer<EndpointId> changed) {
    this.quotas = quotas;
    this.pool = pool;
    this.endpoints = endpoints;
    this.queues = queues;
    this.secrets = secrets;
    this.changed = changed;
  }

  public Future<Endpoint> create(TenantId tenant, EndpointSpec spec) {
    checkRules(spec);
    EndpointId id = EndpointId.random();
    List<Route> routes = spec.routes() == null ? List.of() : spec.routes();
    return pool.withTransaction(tx -> quotas.mayAddEndpoint(tx, tenant).compose(ok -> resolve(tx, tenant, routes))
        .compose(rows -> endpoints.insert(tx, tenant, newEndpoint(tenant, id, spec))
            .compose(ignored -> endpoints.replaceRoutes(tx, tenant, id, rows)))
        .compose(ignored -> require(tx, tenant, id)));
  }

  public Future<Endpoint> update(TenantId tenant, EndpointId id, EndpointSpec spec, boolean dedupeGiven) {
    checkRules(spec);
    return pool.withTransaction(tx -> endpoints.update(tx, tenant, id, changes(tenant, id, spec, dedupeGiven))
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
    return endpoints.learnSecret(pool, tenant, id, secrets.sealSecret(tenant, id, secret))
        .onComplete(done -> changed.accept(id));
  }

  /**
   * Seals, under the current key, every stored endpoint secret that is in plaintext (stored before
   * sealing existed) or sealed under a previous key; run at start so a rotated-out key can go.
   * How many endpoints changed. One that no key opens is logged by the caller's handler and kept.
   */
  public Future<ResealReport> resealAll() {
    return resealAfter("", new ResealReport(0, 0));
  }

  /** Endpoints sealed again, and endpoints whose secrets no key of this relay opens. */
  public record ResealReport(int resealed, int unreadable) {}

  private Future<ResealReport> resealAfter(String afterId, ResealReport sofar) {
    return endpoints.verificationsAfter(pool, afterId, RESEAL_BATCH).compose(rows -> {
      if (rows.isEmpty()) {
        return Future.succeededFuture(sofar);
      }
      List<Future<Boolean>> updates = new ArrayList<>();
      int unreadable = 0;
      for (EndpointStore.StoredVerification row : rows) {
        if (!secrets.needsSealing(row.verification())) {
          continue;
        }
        try {
          JsonObject sealed = secrets.seal(row.tenantId(), row.id(), row.verification());
          updates.add(endpoints.replaceVerification(pool, row.tenantId(), row.id(), row.verification(), sealed)
              .onSuccess(replaced -> changed.accept(row.id())));
        } catch (UnreadableSecretException e) {
          log.error("Endpoint {} of tenant {}: its secrets cannot be opened: {}", row.id().value(),
              row.tenantId().value(), e.getMessage());
          unreadable++;
        }
      }
      int unopened = unreadable;
      String last = rows.get(rows.size() - 1).id().value();
      return Future.all(updates).compose(done -> {
        int resealed = (int) updates.stream().filter(Future::result).count();
        return resealAfter(last, new ResealReport(sofar.resealed() + resealed, sofar.unreadable() + unopened));
      });
    });
  }

  public Future<Void> delete(TenantId tenant, EndpointId id) {
    return endpoints.delete(pool, tenant, id)
        .onComplete(done -> changed.accept(id))
        .compose(deleted -> deleted ? Future.succeededFuture() : Future.failedFuture(notFound(id)));
  }

  private EndpointStore.NewEndpoint newEndpoint(TenantId tenant, EndpointId id, EndpointSpec spec) {
    return new EndpointStore.NewEndpoint(id, spec.name(),
        secrets.seal(tenant, id, EndpointColumns.verification(spec.verification())),
        EndpointColumns.dedupe(spec.dedupe()),
        spec.dedupeWindowSeconds() == null ? Endpoint.DEFAULT_DEDUPE_WINDOW_SECONDS : spec.dedupeWindowSeconds(),
        spec.maxBodyBytes() == null ? Endpoint.DEFAULT_MAX_BODY_BYTES : spec.maxBodyBytes(),
        spec.enabled() == null || spec.enabled());
  }

  private EndpointStore.Changes changes(TenantId tenant, EndpointId id, EndpointSpec spec, boolean dedupeGiven) {
    return new EndpointStore.Changes(spec.name(), spec.verification() == null ? null
        : secrets.seal(tenant, id, EndpointColumns.verification(spec.verification())), dedupeGiven,
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
