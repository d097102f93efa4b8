package dev.inlet.relay.http;

import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.queue.QueueService;
import dev.inlet.relay.store.TokenStore;
import dev.inlet.relay.tenant.TenantService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wires every route. {@code /v1} routes come from the OpenAPI contract, which validates each request
 * before a handler runs; ops routes (and, later, inbound {@code /in}) sit beside them.
 */
public final class ApiRouter {
  /** Admin bodies are small JSON documents. */
  static final long ADMIN_BODY_LIMIT_BYTES = 256 * 1024;

  /** Everything the routes need. */
  public record Services(Pool pool, PrometheusMeterRegistry registry, TokenService tokens, TokenStore tokenStore,
      TenantService tenants, QueueService queues, EndpointService endpoints, Supplier<String> publicUrl) {}

  private ApiRouter() {}

  /**
   * The contract and the code must agree: an operation in openapi/inlet.yaml without a handler would
   * otherwise be served as a silent 503, so the relay refuses to start instead. (An operation the
   * code mounts but the contract lacks fails earlier, in {@code getRoute}.)
   */
  static void requireEveryOperationHandled(RouterBuilder builder) {
    List<String> missing = builder.getRoutes().stream()
        .filter(route -> route.getHandlers().isEmpty())
        .map(route -> route.getOperation().getOperationId())
        .sorted()
        .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("openapi/inlet.yaml operations without a handler: " + missing);
    }
  }

  public static Future<Router> create(Vertx vertx, Services services) {
    return Contract.load(vertx).map(contract -> {
      Router root = Router.router(vertx);

      root.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT_BYTES));
      root.route("/v1/*").handler(new Authenticate(services.tokens()));

      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      // Authentication already ran for /v1 (Authenticate above), so the contract's security is documentation.
      builder.getRoutes().forEach(route -> route.setDoSecurity(false));
      new OpsRoutes(services.pool(), services.registry()).mount(builder);
      new TenantRoutes(services.tenants()).mount(builder);
      new TokenRoutes(services.tokens(), services.tokenStore(), services.pool()).mount(builder);
      new QueueRoutes(services.queues()).mount(builder);
      new EndpointRoutes(services.endpoints(), services.publicUrl()).mount(builder);
      requireEveryOperationHandled(builder);
      root.route().subRouter(builder.createRouter());

      ProblemRenderer problems = new ProblemRenderer();
      root.route().failureHandler(problems);
      root.errorHandler(404, problems);
      root.errorHandler(405, problems);
      root.errorHandler(500, problems);
      return root;
    });
  }
}
