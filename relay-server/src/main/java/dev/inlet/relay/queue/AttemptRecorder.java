package dev.inlet.relay.queue;

import dev.inlet.relay.store.AttemptSink;
import dev.inlet.relay.store.AttemptStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the delivery attempts that ended on this node, in one statement every
 * {@link #FLUSH_MILLIS} or {@link #FLUSH_ROWS} attempts, so that the history costs the consume path
 * one array-insert row per delivery rather than a statement of its own. Everything an attempt
 * holds comes from the statement that ended it (database time), so the wait changes nothing in the
 * row. Reads of the history flush first ({@link #flush}), after the attempt-ending statements
 * already under way here ({@link #ending}), so this node's own attempts are always in the answer
 * (open on the message row, or ended here); another node's arrive within its flush interval. A
 * crash of the relay loses what is buffered (the last few milliseconds of history, never a
 * message); a stop writes it ({@link #close}). Over {@link #MAX_BUFFERED} an attempt is dropped and counted rather than waited
 * for. Thread-safe: attempts end on every event loop.
 */
public final class AttemptRecorder implements AttemptSink {
  static final long FLUSH_MILLIS = 50;
  static final int FLUSH_ROWS = 500;
  static final int MAX_BUFFERED = 50_000;
  private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

  private final Vertx vertx;
  private final Pool pool;
  private final AttemptStore store;
  private final Counter droppedBuffer;
  private final Counter droppedError;
  private final long timer;
  private List<AttemptStore.NewAttempt> buffer = new ArrayList<>();
  private boolean flushing;
  private Future<Void> inFlight = Future.succeededFuture();
  private final Set<Promise<Void>> ending = ConcurrentHashMap.newKeySet();

  public AttemptRecorder(Vertx vertx, Pool pool, AttemptStore store, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.droppedBuffer = dropped(registry, "buffer");
    this.droppedError = dropped(registry, "error");
    this.timer = vertx.setPeriodic(FLUSH_MILLIS, id -> flushBuffered());
  }

  @Override
  public void record(List<AttemptStore.NewAttempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    int dropped = 0;
    boolean flushNow;
    synchronized (this) {
      int room = Math.max(0, MAX_BUFFERED - buffer.size());
      if (room >= attempts.size()) {
        buffer.addAll(attempts);
      } else {
        buffer.addAll(attempts.subList(0, room));
        dropped = attempts.size() - room;
      }
      flushNow = buffer.size() >= FLUSH_ROWS && !flushing;
    }
    if (dropped > 0) {
      droppedBuffer.increment(dropped);
    }
    if (flushNow) {
      vertx.runOnContext(v -> flushBuffered());
    }
  }

  @Override
  public <T> Future<T> ending(Supplier<Future<T>> statement) {
    Promise<Void> underWay = Promise.promise();
    ending.add(underWay);
    Future<T> result;
    try {
      result = statement.get();
    } catch (RuntimeException e) {
      ending.remove(underWay);
      underWay.complete();
      throw e;
    }
    return result.andThen(done -> {
      ending.remove(underWay);
      underWay.complete();
    });
  }

  /**
   * Writes what is buffered once the attempt-ending statements under way now have recorded theirs;
   * completes when that (or the write already running, and then this) is done.
   */
  public Future<Void> flush() {
    if (ending.isEmpty()) {
      return flushBuffered();
    }
    List<Future<Void>> underWay = new ArrayList<>(ending.size());
    ending.forEach(p -> underWay.add(p.future()));
    return Future.join(underWay).transform(ignored -> flushBuffered());
  }

  private Future<Void> flushBuffered() {
    Future<Void> running;
    synchronized (this) {
      running = flushing ? inFlight : null;
    }
    return running != null ? running.transform(ignored -> writeBuffered()) : writeBuffered();
  }

  /** Stops the periodic flush and writes everything still buffered (a failed write is counted as dropped). */
  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return drain();
  }

  private Future<Void> drain() {
    Future<Void> written = flush();
    synchronized (this) {
      if (!flushing && buffer.isEmpty()) {
        return written;
      }
    }
    return written.transform(ignored -> drain());
  }

  private Future<Void> writeBuffered() {
    List<AttemptStore.NewAttempt> rows;
    Promise<Void> written = Promise.promise();
    synchronized (this) {
      if (flushing) {
        return inFlight;
      }
      if (buffer.isEmpty()) {
        return Future.succeededFuture();
      }
      flushing = true;
      inFlight = written.future();
      rows = buffer;
      buffer = new ArrayList<>();
    }
    store.write(pool, rows).onComplete(done -> {
      if (done.failed()) {
        droppedError.increment(rows.size());
        log.warn("Could not write {} delivery attempt(s): {}", rows.size(), done.cause().toString());
      }
      boolean more;
      synchronized (this) {
        flushing = false;
        more = buffer.size() >= FLUSH_ROWS;
      }
      written.complete();
      if (more) {
        flushBuffered();
      }
    });
    return written.future();
  }

  private static Counter dropped(MeterRegistry registry, String why) {
    return Counter.builder("inlet.delivery.attempts.dropped").tag("why", why)
        .description("Delivery attempts not written to the history: over the node's buffer, or a failed write")
        .register(registry);
  }
}
