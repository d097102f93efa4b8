package dev.inlet.relay.stream;

import dev.inlet.relay.envelope.Envelopes;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.SettleService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Supplier;

/** Opens SSE streams: each one a {@link StreamSession} that leases to itself and writes to its response. */
public final class Streams {
  public static final int DEFAULT_PREFETCH = 10;

  private final Vertx vertx;
  private final LeaseService leases;
  private final SettleService settle;
  private final QueueMetrics metrics;
  private final Supplier<String> publicUrl;
  private final long keepaliveMillis;

  public Streams(Vertx vertx, LeaseService leases, SettleService settle, QueueMetrics metrics,
      Supplier<String> publicUrl, long keepaliveMillis) {
    this.vertx = vertx;
    this.leases = leases;
    this.settle = settle;
    this.metrics = metrics;
    this.publicUrl = publicUrl;
    this.keepaliveMillis = keepaliveMillis;
  }

  /**
   * Starts streaming {@code queue} to {@code response}: at most {@code prefetch} unsettled, each
   * leased for {@code leaseSeconds}; {@code base64Body} writes every body as base64 of its bytes;
   * {@code admin} (an admin token) may see the endpoint's id.
   */
  public void open(HttpServerResponse response, Queue queue, int prefetch, int leaseSeconds, boolean base64Body,
      boolean admin) {
    new StreamSession(vertx, response, queue, prefetch, leaseSeconds, keepaliveMillis, leases, settle, metrics,
        new Envelopes.Audience(queue.name(), publicUrl.get(), base64Body, admin)).start();
  }
}
