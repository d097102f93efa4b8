package dev.inlet.relay.http;

import dev.inlet.relay.auth.TokenService;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.stream.Streams;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /v1/queues/{q}/stream}: Server-Sent Events, acked over REST. */
public final class StreamRoutes implements RouteGroup {
  private final LeaseService leases;
  private final Streams streams;
  private final TokenService tokens;

  public StreamRoutes(LeaseService leases, Streams streams, TokenService tokens) {
    this.leases = leases;
    this.streams = streams;
    this.tokens = tokens;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("streamMessages").addHandler(this::stream);
  }

  private Streams.Credential credential(Access.Consumer consumer) {
    var principal = consumer.principal();
    return new Streams.Credential(principal.tokenId().value(), principal.isAdmin(), principal.expiresAt(),
        () -> tokens.stillValid(principal));
  }

  private void stream(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    int prefetch = ConsumeRoutes.intParam(ctx, "prefetch", Streams.DEFAULT_PREFETCH);
    leases.consumable(consumer.tenant(), ctx.pathParam("queue"), consumer.queues())
        .map(queue -> {
          Runnable ended = streams.open(ctx.response(), queue, prefetch,
              ConsumeRoutes.intParam(ctx, "lease", queue.leaseSeconds()),
              "base64".equals(ctx.queryParams().get("bodyEncoding")), credential(consumer));
          ctx.addEndHandler(done -> ended.run());
          return queue;
        })
        .onFailure(ctx::fail);
  }
}
