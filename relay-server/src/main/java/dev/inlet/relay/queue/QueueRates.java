package dev.inlet.relay.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Messages into and out of each queue, counted per minute in memory on this node until
 * {@link QueueRateRecorder} adds them to the database: counting costs a map update, never a
 * statement or a contended counter row. The minute is this node's clock's, when it was counted.
 */
public final class QueueRates {
  /** Counts of one queue in one minute (epoch minute). */
  public record Cell(long queueId, long minute, long enqueued, long acked) {}

  private record Key(long queueId, long minute) {}

  private final Map<Key, long[]> counts = new ConcurrentHashMap<>();

  void enqueued(long queueId, long count) {
    add(queueId, count, 0);
  }

  void acked(long queueId, long count) {
    add(queueId, 0, count);
  }

  private void add(long queueId, long enqueued, long acked) {
    if (enqueued + acked == 0) {
      return;
    }
    // compute is atomic per key, so a drain never loses a count made while it runs.
    counts.compute(new Key(queueId, System.currentTimeMillis() / 60_000), (key, cell) -> {
      long[] sum = cell == null ? new long[2] : cell;
      sum[0] += enqueued;
      sum[1] += acked;
      return sum;
    });
  }

  /** Everything counted so far, removed from memory. */
  List<Cell> drain() {
    List<Cell> cells = new ArrayList<>();
    for (Key key : List.copyOf(counts.keySet())) {
      long[] sum = counts.remove(key);
      if (sum != null) {
        cells.add(new Cell(key.queueId(), key.minute(), sum[0], sum[1]));
      }
    }
    return cells;
  }

  /** Counts that could not be written go back, to be tried again with the next. */
  void restore(List<Cell> cells) {
    for (Cell cell : cells) {
      counts.compute(new Key(cell.queueId(), cell.minute()), (key, sum) -> {
        long[] total = sum == null ? new long[2] : sum;
        total[0] += cell.enqueued();
        total[1] += cell.acked();
        return total;
      });
    }
  }
}
