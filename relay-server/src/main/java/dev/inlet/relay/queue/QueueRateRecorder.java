package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.RateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this node's {@link QueueRates} to the database every {@code flushMillis} (one statement
 * for all queues), and reads a queue's last hour back. A read first writes what this node counted,
 * so its own latest counts are in the answer; another node's arrive within its flush interval. A
 * failed write keeps its counts for the next; a node that dies loses at most one interval of them.
 */
public final class QueueRateRecorder {
  /** The window of a queue's rates. */
  public static final int WINDOW_MINUTES = 60;
  private static final Logger log = LoggerFactory.getLogger(QueueRateRecorder.class);

  /** One minute of a queue: messages in (enqueued) and out (acked, or taken with autoAck). */
  public record Minute(OffsetDateTime minute, long in, long out) {}

  private final Pool pool;
  private final RateStore store;
  private final QueueRates rates;
  private final Vertx vertx;
  private final long timer;

  public QueueRateRecorder(Vertx vertx, Pool pool, RateStore store, QueueRates rates, long flushMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.rates = rates;
    this.timer = vertx.setPeriodic(flushMillis, id -> flush());
  }

  public Future<Void> flush() {
    List<QueueRates.Cell> cells = rates.drain();
    if (cells.isEmpty()) {
      return Future.succeededFuture();
    }
    List<RateStore.Counts> counts = cells.stream()
        .map(c -> new RateStore.Counts(c.queueId(), c.minute(), c.enqueued(), c.acked())).toList();
    return store.add(pool, counts).onFailure(e -> {
      rates.restore(cells);
      log.debug("Queue rates not written yet: {}", e.toString());
    });
  }

  /** The queue's last {@link #WINDOW_MINUTES} minutes, oldest first, this minute last. */
  public Future<List<Minute>> lastHour(Queue queue) {
    return flush().otherwiseEmpty()
        .compose(v -> store.lastMinutes(pool, queue.tenantId(), queue.id(), WINDOW_MINUTES))
        .map(rows -> rows.stream().map(r -> new Minute(r.minute(), r.enqueued(), r.acked())).toList());
  }

  /** {@link #lastHour} of each queue (all of one tenant), in one statement, by queue id. */
  public Future<Map<Long, List<Minute>>> lastHourOf(TenantId tenant, List<Long> queueIds) {
    return flush().otherwiseEmpty()
        .compose(v -> store.lastMinutesOf(pool, tenant, queueIds, WINDOW_MINUTES))
        .map(byQueue -> {
          Map<Long, List<Minute>> out = new HashMap<>();
          byQueue.forEach((id, rows) -> out.put(id, rows.stream().map(r -> new Minute(r.minute(), r.enqueued(), r.acked())).toList()));
          return out;
        });
  }

  /** Stops the periodic flush and writes this node's last counts. */
  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return flush().otherwiseEmpty();
  }
}
