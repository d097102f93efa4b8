package dev.inlet.relay.http;

import dev.inlet.relay.health.Readiness;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.Map;

/** Unauthenticated operations routes: liveness, readiness, Prometheus metrics. */
public final class OpsRoutes implements RouteGroup {
  private final Readiness readiness;
  private final PrometheusMeterRegistry registry;

  public OpsRoutes(Readiness readiness, PrometheusMeterRegistry registry) {
    this.readiness = readiness;
    this.registry = registry;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("healthz").addHandler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "up")));
    builder.getRoute("readyz").addHandler(this::ready);
    builder.getRoute("metrics").addHandler(PrometheusScrapingHandler.create(registry));
  }

  private void ready(RoutingContext ctx) {
    readiness.check().onComplete(checked -> {
      if (checked.succeeded() && checked.result().isEmpty()) {
        Responses.json(ctx, 200, new JsonObject().put("status", "ready").put("database", "up"));
        return;
      }
      boolean draining = checked.succeeded() && checked.result().get() == Readiness.NotReady.DRAINING;
      ProblemRenderer.render(ctx, new InletProblem(ProblemType.UNAVAILABLE,
          draining ? "this node is shutting down; use another" : "the database is not reachable", List.of(),
          Map.of("Retry-After", "5")));
    });
  }
}
