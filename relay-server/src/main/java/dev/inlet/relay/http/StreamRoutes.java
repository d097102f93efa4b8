package dev.inlet.relay.http;

import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.SettleService;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Supplier;

/** {@code GET /v1/queues/{q}/stream}: Server-Sent Events, acked over REST. */
final class StreamRoutes {
  static final int DEFAULT_PREFETCH = 10;

  private final LeaseService leases;
  private final SettleService settle;
  private final QueueMetrics metrics;
  private final Supplier<String> publicUrl;
  private final long keepaliveMillis;

  StreamRoutes(LeaseService leases, SettleService settle, QueueMetrics metrics, Supplier<String> publicUrl,
      long keepaliveMillis) {
    this.leases = leases;
    this.settle = settle;
    this.metrics = metrics;
    this.publicUrl = publicUrl;
    this.keepaliveMillis = keepaliveMillis;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("streamMessages").addHandler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    int prefetch = ConsumeRoutes.intParam(ctx, "prefetch", DEFAULT_PREFETCH);
    leases.consumable(consumer.tenant(), ctx.pathParam("queue"), consumer.queues())
        .onSuccess(queue -> new StreamSession(ctx.vertx(), ctx.response(), queue, prefetch,
            ConsumeRoutes.intParam(ctx, "lease", queue.leaseSeconds()), keepaliveMillis, leases, settle, metrics,
            publicUrl.get(), "base64".equals(ctx.queryParams().get("bodyEncoding"))).start())
        .onFailure(ctx::fail);
  }
}
