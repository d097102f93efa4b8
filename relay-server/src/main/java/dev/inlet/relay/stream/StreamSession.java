package dev.inlet.relay.stream;

import dev.inlet.relay.envelope.Envelopes;
import dev.inlet.relay.id.LeaseRef;
import dev.inlet.relay.queue.ConsumerCaps;
import dev.inlet.relay.queue.Delivery;
import dev.inlet.relay.queue.DeliveryBytes;
import dev.inlet.relay.queue.LeaseOrigin;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueMetrics;
import dev.inlet.relay.queue.QueueSignals;
import dev.inlet.relay.queue.SettleService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SSE stream: leases messages to itself and sends each as {@code event: message}. At most
 * {@code prefetch} are unsettled at once; a slot frees when the message is settled (on this node we
 * hear it at once, on others a periodic check finds it) or its lease runs out. Nothing is leased
 * while the client's write queue is full. When the client goes, its unsettled leases go back.
 */
final class StreamSession {
  private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
  /** How long one lease call waits for messages before the loop looks around again. */
  private static final Duration LEASE_WAIT = Duration.ofSeconds(10);
  private static final long RECONCILE_MS = 1_000;
  private static final long PUMP_COALESCE_MS = 2;
  /** How often an open stream asks again whether its token is still valid. */
  static final long CREDENTIAL_CHECK_MS = 5_000;
  /** Where revocations on this node are announced (the token's id). */
  static final String REVOKED_ADDRESS = "inlet.token.revoked";

  private record InFlight(UUID lease, long expiresAtNanos, long bytes) {}

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final Queue queue;
  private final int prefetch;
  private final int leaseSeconds;
  private final LeaseService leases;
  private final SettleService settle;
  private final QueueMetrics metrics;
  private final Envelopes.Audience audience;
  private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();
  private final MessageConsumer<Long> settled;
  private final MessageConsumer<Object> drain;
  private final MessageConsumer<String> revoked;
  private final Streams.Credential credential;
  private final ConsumerCaps.Slot slot;
  private final long credentialCheck;
  private final long expiry;
  private final long maxInFlightBytes;
  private final long keepalive;
  private final long reconcile;
  private boolean leasing;
  private boolean pumpScheduled;
  private boolean leaseFailing;
  private boolean closed;

  StreamSession(Vertx vertx, HttpServerResponse response, Queue queue, int prefetch, int leaseSeconds,
      long keepaliveMillis, LeaseService leases, SettleService settle, QueueMetrics metrics,
      Envelopes.Audience audience, Streams.Credential credential, ConsumerCaps.Slot slot, long maxInFlightBytes) {
    this.maxInFlightBytes = maxInFlightBytes;
    this.credential = credential;
    this.slot = slot;
    this.vertx = vertx;
    this.response = response;
    this.queue = queue;
    this.prefetch = prefetch;
    this.leaseSeconds = leaseSeconds;
    this.leases = leases;
    this.settle = settle;
    this.metrics = metrics;
    this.audience = audience;
    this.settled = vertx.eventBus().localConsumer(QueueSignals.settledAddress(queue.id()), message -> {
      if (inFlight.remove(message.body()) != null) {
        pumpSoon();
      }
    });
    // The node is stopping: end the stream (the client reconnects, to another node) and give back its
    // leases. (A "look again" on the same address reaches the stream's lease wait, not this.)
    this.drain = vertx.eventBus().localConsumer(QueueSignals.nodeAddress(), message -> {
      if (QueueSignals.DRAIN.equals(message.body())) {
        end();
      }
    });
    this.keepalive = vertx.setPeriodic(keepaliveMillis, id -> write(": keepalive\n\n"));
    this.reconcile = vertx.setPeriodic(RECONCILE_MS, id -> reconcile());
    // The stream follows its token: revoked (here at once, elsewhere within the check), expired, or
    // its tenant suspended, and it ends, giving its leases back.
    this.revoked = vertx.eventBus().localConsumer(REVOKED_ADDRESS, message -> {
      if (credential.tokenId().equals(message.body())) {
        end();
      }
    });
    this.credentialCheck = vertx.setPeriodic(CREDENTIAL_CHECK_MS, id -> checkCredential());
    long untilExpiry = millisUntil(credential.expiresAt());
    this.expiry = untilExpiry < Long.MAX_VALUE ? vertx.setTimer(Math.max(1, untilExpiry), id -> end()) : -1;
  }

  void start() {
    metrics.streamOpened();
    response.setChunked(true).setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    write(": connected\n\n");
    pump();
  }

  /**
   * Acks come one by one; leasing for each freed slot would cost a statement per message. Waiting a
   * couple of milliseconds lets a burst of acks free several slots for one lease.
   */
  private void pumpSoon() {
    if (!pumpScheduled && !closed) {
      pumpScheduled = true;
      vertx.setTimer(PUMP_COALESCE_MS, id -> {
        pumpScheduled = false;
        pump();
      });
    }
  }

  /** Lease as many as there are free slots, unless a lease is already under way or the client is behind. */
  private void pump() {
    if (closed || leasing) {
      return;
    }
    dropExpired();
    int free = prefetch - inFlight.size();
    long roomBytes = maxInFlightBytes - inFlightBytes();
    // Bounded by bytes as well as count: large bodies wait for settles before more are leased.
    if (free <= 0 || (roomBytes <= 0 && !inFlight.isEmpty())) {
      return;
    }
    if (response.writeQueueFull()) {
      response.drainHandler(v -> pump());
      return;
    }
    leasing = true;
    leases.lease(queue, free, leaseSeconds, LEASE_WAIT, false, LeaseOrigin.stream(credential.tokenId()))
        .onComplete(result -> {
      leasing = false;
      if (result.failed()) {
        if (!closed) {
          // Once per outage and stream, not every second.
          if (!leaseFailing) {
            log.warn("Stream on queue {} could not lease; trying again every second: {}", queue.name(),
                result.cause().toString());
          }
          leaseFailing = true;
          vertx.setTimer(1_000, id -> pump());
        }
        return;
      }
      leaseFailing = false;
      List<Delivery> deliveries = result.result();
      if (closed) {
        settle.release(queue, refs(deliveries));
        return;
      }
      // Only a stream holding nothing may take a body larger than the bound, so such a body still goes.
      DeliveryBytes.Split split = DeliveryBytes.within(deliveries, maxInFlightBytes - inFlightBytes(),
          inFlight.isEmpty());
      settle.unlease(queue, split.returned());
      for (Delivery delivery : split.kept()) {
        inFlight.put(delivery.id().value(), new InFlight(delivery.leaseToken(),
            System.nanoTime() + Duration.ofSeconds(leaseSeconds).toNanos(), DeliveryBytes.bytes(delivery)));
        // The envelope is one line of JSON: headers and bodies are JSON-escaped, so no raw newline.
        response.write(Buffer.buffer("event: message\nid: " + delivery.id() + "\ndata: ")
            .appendBuffer(Envelopes.envelope(delivery, audience)).appendString("\n\n"));
      }
      // Out of room in bytes: the next settle makes some and pumps; leasing again now would only
      // hand the same messages back.
      if (split.returned().isEmpty()) {
        pump();
      }
    });
  }

  private long inFlightBytes() {
    long total = 0;
    for (InFlight held : inFlight.values()) {
      total += held.bytes();
    }
    return total;
  }

  /** Settlements made on other nodes reach us only through the database: ask which leases are still held. */
  private void reconcile() {
    if (closed || inFlight.size() < prefetch) {
      return;
    }
    List<LeaseRef> held = new ArrayList<>();
    inFlight.forEach((id, f) -> held.add(new LeaseRef(id, f.lease())));
    settle.stillLeased(queue, held).onSuccess(still -> {
      if (inFlight.keySet().retainAll(still)) {
        pump();
      }
    });
  }

  private void dropExpired() {
    long now = System.nanoTime();
    inFlight.values().removeIf(f -> f.expiresAtNanos() - now <= 0);
  }

  private void write(String text) {
    if (!closed) {
      response.write(text);
    }
  }

  private void checkCredential() {
    credential.stillValid().get().onSuccess(valid -> {
      if (!valid) {
        end();
      }
    });
  }

  private static long millisUntil(Instant when) {
    long now = System.currentTimeMillis();
    return when.getEpochSecond() > now / 1000 + 10L * 365 * 86_400 ? Long.MAX_VALUE : when.toEpochMilli() - now;
  }

  /** Ends the response after releasing what the stream holds. */
  private void end() {
    if (!closed) {
      close();
      response.end();
    }
  }

  /**
   * The exchange ended (the client left, or the stream was ended): leases go back. Called by the
   * HTTP edge's end handler — not by handlers set on the response here, which would replace the
   * router's own and leave the exchange counted as in flight.
   */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(keepalive);
    vertx.cancelTimer(reconcile);
    settled.unregister();
    drain.unregister();
    revoked.unregister();
    vertx.cancelTimer(credentialCheck);
    if (expiry >= 0) {
      vertx.cancelTimer(expiry);
    }
    slot.release();
    metrics.streamClosed();
    List<LeaseRef> held = new ArrayList<>();
    inFlight.forEach((id, f) -> held.add(new LeaseRef(id, f.lease())));
    inFlight.clear();
    settle.release(queue, held);
  }

  private static List<LeaseRef> refs(List<Delivery> deliveries) {
    List<LeaseRef> refs = new ArrayList<>();
    deliveries.forEach(d -> refs.add(new LeaseRef(d.id().value(), d.leaseToken())));
    return refs;
  }
}
