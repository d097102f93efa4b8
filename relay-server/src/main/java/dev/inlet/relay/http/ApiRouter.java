package dev.inlet.relay.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/**
 * Mounts the routes it is given. {@code /v1} routes come from the OpenAPI contract, which validates
 * each request before a handler runs; inbound {@code /in} sits beside them. The route groups are
 * built in one place ({@code app.Wiring}); this class knows none of them by name.
 */
public final class ApiRouter {
  /** Operations whose requests have only query and path parameters, checked by {@link QueryChecks}. */
  static final List<String> SELF_CHECKED = List.of("nextMessage", "ackMessage", "streamMessages");

  /** Admin bodies are small JSON documents. */
  static final long ADMIN_BODY_LIMIT_BYTES = 256 * 1024;

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

  public static Future<Router> create(Vertx vertx, Admission admission, Authenticate authenticate,
      InboundRoutes inbound, ConsoleRoutes console, List<RouteGroup> groups) {
    return Contract.loadWithRaw(vertx).map(loaded -> {
      var contract = loaded.contract();
      Router root = Router.router(vertx);
      root.route().handler(new RequestIds(new AccessLog(RouteTemplates.of(loaded.raw()))));
      root.route().handler(admission);
      inbound.mount(root);
      console.mount(root);

      root.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT_BYTES));
      root.route("/v1/*").handler(authenticate);

      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      // Authentication already ran for /v1 (Authenticate above), so the contract's security is documentation.
      builder.getRoutes().forEach(route -> route.setDoSecurity(false));
      // The hottest consumer routes check their (simple) query parameters themselves, by the same
      // contract, without vertx-openapi's per-request validator construction: see QueryChecks.
      for (String operation : SELF_CHECKED) {
        builder.getRoute(operation).setDoValidation(false).addHandler(QueryChecks.forOperation(loaded.raw(), operation));
      }
      groups.forEach(group -> group.mount(builder));
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
