package dev.inlet.relay.http;

import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.ingest.EndpointDirectory;
import dev.inlet.relay.ingest.GroupCommitter;
import dev.inlet.relay.ingest.IngestMetrics;
import dev.inlet.relay.ingest.Ingestor;
import dev.inlet.relay.queue.InspectService;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.QueueService;
import dev.inlet.relay.queue.SettleService;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.store.EventStore;
import dev.inlet.relay.store.IngestStore;
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
  /** Operations whose requests have only query and path parameters, checked by {@link QueryChecks}. */
  static final List<String> SELF_CHECKED = List.of("nextMessage", "ackMessage", "streamMessages");

  /** Admin bodies are small JSON documents. */
  static final long ADMIN_BODY_LIMIT_BYTES = 256 * 1024;

  /** Everything the routes need. */
  public record Services(Pool pool, PrometheusMeterRegistry registry, TokenService tokens, TokenStore tokenStore,
      TenantService tenants, QueueService queues, EndpointService endpoints, Supplier<String> publicUrl,
      EndpointDirectory directory, Ingestor ingestor, IngestMetrics ingestMetrics, IngestStore ingestStore,
      QueueSignals signals, GroupCommitter.Settings batching, EventStore events, LeaseService leases,
      SettleService settle, QueueMetrics queueMetrics, long streamKeepaliveMillis, InspectService inspect) {}

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
    return Contract.loadWithRaw(vertx).map(loaded -> {
      var contract = loaded.contract();
      Router root = Router.router(vertx);
      // One committer per verticle: it batches the requests of this event loop.
      GroupCommitter committer = new GroupCommitter(vertx, services.pool(), services.ingestStore(), services.signals(),
          services.ingestMetrics(), services.batching());
      new InboundRoutes(services.directory(), services.ingestor(), committer, services.ingestMetrics(),
          services.publicUrl()).mount(root);

      root.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT_BYTES));
      root.route("/v1/*").handler(new Authenticate(services.tokens()));

      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      // Authentication already ran for /v1 (Authenticate above), so the contract's security is documentation.
      builder.getRoutes().forEach(route -> route.setDoSecurity(false));
      // The hottest consumer routes check their (simple) query parameters themselves, by the same
      // contract, without vertx-openapi's per-request validator construction: see QueryChecks.
      for (String operation : SELF_CHECKED) {
        builder.getRoute(operation).setDoValidation(false).addHandler(QueryChecks.forOperation(loaded.raw(), operation));
      }
      new OpsRoutes(services.pool(), services.registry()).mount(builder);
      new TenantRoutes(services.tenants()).mount(builder);
      new TokenRoutes(services.tokens(), services.tokenStore(), services.pool()).mount(builder);
      new EndpointRoutes(services.endpoints(), services.directory(), services.publicUrl()).mount(builder);
      new QueueRoutes(services.queues(), services.directory()).mount(builder);
      new EventRoutes(services.events(), services.pool()).mount(builder);
      new ConsumeRoutes(services.leases(), services.settle(), services.publicUrl()).mount(builder);
      new MessageRoutes(services.settle()).mount(builder);
      new InspectRoutes(services.leases(), services.inspect()).mount(builder);
      new StreamRoutes(services.leases(), services.settle(), services.queueMetrics(), services.publicUrl(),
          services.streamKeepaliveMillis()).mount(builder);
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
