package dev.inlet.relay.http;

import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;

/** Unauthenticated operations routes: liveness, readiness, Prometheus metrics. */
final class OpsRoutes {
  private final Pool pool;
  private final PrometheusMeterRegistry registry;

  OpsRoutes(Pool pool, PrometheusMeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("healthz").addHandler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "up")));
    builder.getRoute("readyz").addHandler(this::ready);
    builder.getRoute("metrics").addHandler(PrometheusScrapingHandler.create(registry));
  }

  /** Ready when the database answers; migrations ran before the server started listening. */
  private void ready(RoutingContext ctx) {
    pool.query("select 1").execute()
        .onSuccess(rows -> Responses.json(ctx, 200, new JsonObject().put("status", "ready").put("database", "up")))
        .onFailure(error -> ProblemRenderer.render(ctx, new InletProblem(ProblemType.UNAVAILABLE,
            "the database is not reachable", List.of(), Map.of("Retry-After", "5"))));
  }
}
