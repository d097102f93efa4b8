package dev.inlet.relay.ingest;

import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.store.RequestLogStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's writer for what the ingest batch does not write itself: refused requests,
 * handshakes, and copies of one event inside one batch. Rows wait in a bounded buffer, written in
 * one statement every {@link Settings#flushMillis} or {@link #FLUSH_ROWS} rows; over {@link #MAX_BUFFERED}
 * a row is dropped and counted, never waited for: a flood of forgeries costs neither memory nor the
 * answer's time. Thread-safe: rows come from every event loop and from the workers that verify
 * large bodies.
 */
public final class RequestLog {
  /** A refused request keeps this much of its body. */
  public static final int PREVIEW_BYTES = 4096;
  static final int FLUSH_ROWS = 250;
  static final int MAX_BUFFERED = 2_000;
  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

  /**
   * {@code maxRefusedPerEndpoint}: an endpoint keeps its newest this many refused rows;
   * {@code flushMillis}: how long a buffered row waits at most before it is written.
   */
  public record Settings(int retentionHours, int maxRefusedPerEndpoint, int flushMillis) {
    public static final int DEFAULT_RETENTION_HOURS = 72;
    public static final int DEFAULT_MAX_REFUSED_PER_ENDPOINT = 10_000;
    public static final int DEFAULT_FLUSH_MILLIS = 100;
  }

  private record Buffered(RequestLogStore.NewRequest row, long atNanos) {}

  private final Vertx vertx;
  private final Pool pool;
  private final RequestLogStore store;
  private final Settings settings;
  private final Counter droppedBuffer;
  private final Counter droppedCap;
  private final Counter droppedError;
  private List<Buffered> buffer = new ArrayList<>();
  private Map<EndpointId, RequestLogStore.Drop> drops = new HashMap<>();
  private boolean flushing;
  private Future<Void> inFlight = Future.succeededFuture();
  private final long timer;

  public RequestLog(Vertx vertx, Pool pool, RequestLogStore store, Settings settings, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.settings = settings;
    this.droppedBuffer = dropped(registry, "buffer");
    this.droppedCap = dropped(registry, "cap");
    this.droppedError = dropped(registry, "error");
    this.timer = vertx.setPeriodic(settings.flushMillis(), id -> flush());
  }

  public Settings settings() {
    return settings;
  }

  /** A request refused for {@code reason}; {@code body} null when it was not read. */
  public void refused(IngestEndpoint endpoint, String method, JsonObject headers, String sourceAddress, long bodySize,
      Buffer body, String reason) {
    Buffer preview = body == null ? null : body.length() <= PREVIEW_BYTES ? body : body.getBuffer(0, PREVIEW_BYTES);
    add(endpoint, "refused", reason, null, method, headers, sourceAddress, bodySize, preview, null);
  }

  public void refused(IngestEndpoint endpoint, InboundRequest request, String reason) {
    refused(endpoint, request.method(), request.headersJson(), request.sourceAddress(), request.body().length(),
        request.body(), reason);
  }

  public void handshake(IngestEndpoint endpoint, InboundRequest request) {
    add(endpoint, "handshake", null, null, request.method(), request.headersJson(), request.sourceAddress(),
        request.body().length(), null, null);
  }

  /** A copy of {@code event} that shared its batch with the first one (the batch logged only that one). */
  void duplicate(InboundEvent event, String firstEventId) {
    add(event.endpoint(), "duplicate", null, firstEventId, event.method(), event.headers(), event.sourceAddress(),
        event.body().length(), null, event.eventType());
  }

  private void add(IngestEndpoint endpoint, String outcome, String reason, String eventId, String method,
      JsonObject headers, String sourceAddress, long bodySize, Buffer preview, String type) {
    boolean full;
    synchronized (this) {
      full = buffer.size() >= MAX_BUFFERED;
      if (full) {
        drops.merge(endpoint.id(), new RequestLogStore.Drop(endpoint.tenantId(), endpoint.id(), 1),
            (a, b) -> new RequestLogStore.Drop(a.tenantId(), a.endpointId(), a.count() + 1));
      }
    }
    if (full) {
      droppedBuffer.increment();
      return;
    }
    // Redacted and encoded outside the lock; headers already redacted stay as they are.
    String headersJson = Redaction.headers(headers, endpoint.redactedHeaders()).encode();
    RequestLogStore.NewRequest row = new RequestLogStore.NewRequest(endpoint.tenantId(), endpoint.id(), 0, outcome,
        reason, eventId, sourceAddress, method, headersJson, (int) Math.min(Integer.MAX_VALUE, Math.max(0, bodySize)),
        preview == null ? null : preview.copy(), type);
    boolean flushNow;
    synchronized (this) {
      buffer.add(new Buffered(row, System.nanoTime()));
      flushNow = buffer.size() >= FLUSH_ROWS && !flushing;
    }
    if (flushNow) {
      vertx.runOnContext(v -> flush());
    }
  }

  /**
   * Writes everything still buffered, then stops the periodic flush: a stop (after HTTP has drained)
   * keeps the refusals of its last moments. Rows a failed write could not keep are counted as
   * dropped, so this ends even with the database gone.
   */
  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return drain();
  }

  private Future<Void> drain() {
    Future<Void> written = flush();
    synchronized (this) {
      if (!flushing && buffer.isEmpty() && drops.isEmpty()) {
        return written;
      }
    }
    return written.transform(ignored -> drain());
  }

  /** Writes what is buffered, one flush at a time; completes when this (or the running) write ends. */
  Future<Void> flush() {
    List<Buffered> rows;
    Map<EndpointId, RequestLogStore.Drop> dropped;
    Promise<Void> written = Promise.promise();
    synchronized (this) {
      if (flushing) {
        return inFlight;
      }
      if (buffer.isEmpty() && drops.isEmpty()) {
        return Future.succeededFuture();
      }
      flushing = true;
      inFlight = written.future();
      rows = buffer;
      dropped = drops;
      buffer = new ArrayList<>();
      drops = new HashMap<>();
    }
    // A row's time is the database's now() less its age, so the age is taken once a connection is
    // held: measured before a wait for one, every row of a slow batch would look older than it is,
    // and a later batch's rows could sort before it.
    pool.withConnection(connection -> {
      long now = System.nanoTime();
      List<RequestLogStore.NewRequest> batch = new ArrayList<>(rows.size());
      for (Buffered b : rows) {
        RequestLogStore.NewRequest r = b.row();
        batch.add(new RequestLogStore.NewRequest(r.tenantId(), r.endpointId(), (now - b.atNanos()) / 1_000,
            r.outcome(), r.reason(), r.eventId(), r.sourceAddress(), r.method(), r.headersJson(), r.bodySize(),
            r.bodyPreview(), r.eventType()));
      }
      return store.write(connection, batch, List.copyOf(dropped.values()), settings.maxRefusedPerEndpoint());
    }).onComplete(done -> {
      if (done.succeeded()) {
        droppedCap.increment(done.result().trimmed() + done.result().overCap());
      } else {
        droppedError.increment(rows.size());
        log.warn("Could not write {} request log row(s): {}", rows.size(), done.cause().toString());
      }
      boolean more;
      synchronized (this) {
        flushing = false;
        more = buffer.size() >= FLUSH_ROWS;
      }
      written.complete();
      if (more) {
        flush();
      }
    });
    return written.future();
  }

  private static Counter dropped(MeterRegistry registry, String why) {
    return Counter.builder("inlet.request.log.dropped").tag("why", why)
        .description("Request log rows not kept: over the per-endpoint cap, over the relay's buffer, or not written")
        .register(registry);
  }
}
