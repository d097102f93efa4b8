package dev.inlet.relay.stream;

import dev.inlet.relay.envelope.Envelopes;
import dev.inlet.relay.queue.ConsumerCaps;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.queue.SettleService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  private final ConsumerCaps caps;
  private final QueueSignals signals;
  private final long maxInFlightBytes;

  /** {@code maxInFlightBytes} bounds the bodies one stream holds unsettled, beside its prefetch. */
  public Streams(Vertx vertx, LeaseService leases, SettleService settle, QueueMetrics metrics,
      Supplier<String> publicUrl, long keepaliveMillis, ConsumerCaps caps, QueueSignals signals,
      long maxInFlightBytes) {
    this.maxInFlightBytes = maxInFlightBytes;
    this.caps = caps;
    this.signals = signals;
    this.vertx = vertx;
    this.leases = leases;
    this.settle = settle;
    this.metrics = metrics;
    this.publicUrl = publicUrl;
    this.keepaliveMillis = keepaliveMillis;
  }

  /**
   * The token a stream was opened with, checked again while it stays open: {@code stillValid} asks
   * whether it is revoked, expired or its tenant suspended.
   */
  public record Credential(String tokenId, boolean admin, Instant expiresAt, Supplier<Future<Boolean>> stillValid) {}

  /**
   * Starts streaming {@code queue} to {@code response}: at most {@code prefetch} unsettled, each
   * leased for {@code leaseSeconds}; {@code base64Body} writes every body as base64 of its bytes;
   * an admin token may see the endpoint's id. Over the tenant's or token's cap of open streams, a
   * 429 problem is thrown and nothing starts. The caller runs the returned action when the exchange
   * ends, however it ends.
   */
  public Runnable open(HttpServerResponse response, Queue queue, int prefetch, int leaseSeconds, boolean base64Body,
      Credential credential) {
    if (signals.draining()) {
      // A stream opened now would lease messages only to have them cut off: send it elsewhere.
      throw new InletProblem(ProblemType.UNAVAILABLE, "this node is shutting down; reconnect", List.of(),
          Map.of("Retry-After", "1"));
    }
    ConsumerCaps.Slot slot = caps.acquire(ConsumerCaps.Kind.STREAM, queue.tenantId(), credential.tokenId());
    StreamSession session = new StreamSession(vertx, response, queue, prefetch, leaseSeconds, keepaliveMillis, leases,
        settle, metrics, new Envelopes.Audience(queue.name(), publicUrl.get(), base64Body, credential.admin()),
        credential, slot, maxInFlightBytes);
    session.start();
    return session::close;
  }

  /** A token was revoked on this node: its streams end now, not at their next check. */
  public void revoked(String tokenId) {
    vertx.eventBus().publish(StreamSession.REVOKED_ADDRESS, tokenId);
  }
}
