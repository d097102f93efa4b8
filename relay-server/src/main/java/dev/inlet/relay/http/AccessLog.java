package dev.inlet.relay.http;

import dev.inlet.relay.auth.Principal;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code inlet.access} (route it, or turn it off, on its own):
 * method, route template (never the raw path: it can hold the endpoint id, a capability), status,
 * latency, bytes written and tenant; the request id is in the MDC as on every line of the request.
 * With {@code INLET_LOG_FORMAT=json} each is a field of its own. Written from an end handler of the routing context's — the router's own end handler
 * ends the exchange's accounting and must stay in place.
 */
public final class AccessLog {
  /** The logger's name. */
  public static final String LOGGER = "inlet.access";
  /** Where a handler that knows the tenant but has no principal (the inbound path) puts its id. */
  public static final String TENANT = "inlet.tenant";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final RouteTemplates routes;

  public AccessLog(RouteTemplates routes) {
    this.routes = routes;
  }

  /** Writes {@code ctx}'s line when its exchange ends. */
  void track(RoutingContext ctx) {
    if (!log.isInfoEnabled()) {
      return;
    }
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> write(ctx, start, ended.succeeded()));
  }

  private void write(RoutingContext ctx, long start, boolean completed) {
    String method = ctx.request().method().name();
    String route = routes.templateOf(ctx.request().path());
    int status = ctx.response().getStatusCode();
    double millis = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    long bytes = ctx.response().bytesWritten();
    String tenant = tenant(ctx);
    String requestId = RequestIds.of(ctx);
    log.atInfo()
        .addKeyValue("method", method).addKeyValue("route", route).addKeyValue("status", status)
        .addKeyValue("durationMs", millis).addKeyValue("bytes", bytes).addKeyValue("tenant", tenant)
        .addKeyValue("requestId", requestId).addKeyValue("completed", completed)
        .log("{} {} {} {}ms {}B tenant={}{}", method, route, status, millis, bytes, tenant == null ? "-" : tenant,
            completed ? "" : " (connection closed before the answer ended)");
  }

  private static String tenant(RoutingContext ctx) {
    Object principal = ctx.get(Authenticate.PRINCIPAL);
    if (principal instanceof Principal.TenantPrincipal tenant) {
      return tenant.tenantId().value();
    }
    if (principal instanceof Principal.Operator) {
      return "operator";
    }
    return ctx.get(TENANT);
  }
}
