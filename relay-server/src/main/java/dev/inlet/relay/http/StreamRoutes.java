package dev.inlet.relay.http;

import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.stream.Streams;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /v1/queues/{q}/stream}: Server-Sent Events, acked over REST. */
public final class StreamRoutes implements RouteGroup {
  private final LeaseService leases;
  private final Streams streams;

  public StreamRoutes(LeaseService leases, Streams streams) {
    this.leases = leases;
    this.streams = streams;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("streamMessages").addHandler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    int prefetch = ConsumeRoutes.intParam(ctx, "prefetch", Streams.DEFAULT_PREFETCH);
    leases.consumable(consumer.tenant(), ctx.pathParam("queue"), consumer.queues())
        .onSuccess(queue -> streams.open(ctx.response(), queue, prefetch,
            ConsumeRoutes.intParam(ctx, "lease", queue.leaseSeconds()),
            "base64".equals(ctx.queryParams().get("bodyEncoding")), consumer.queues().admin()))
        .onFailure(ctx::fail);
  }
}
