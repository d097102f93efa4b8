package dev.inlet.relay.bench;

import java.util.Arrays;

/** Request latencies in nanoseconds, kept in a growing primitive array and sorted once at the end. */
final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  int count() {
    return size;
  }

  /** Milliseconds at {@code quantile} (0..1), nearest rank; NaN when nothing was recorded. */
  double percentileMillis(double quantile) {
    if (size == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, size);
    int rank = (int) Math.ceil(quantile * size) - 1;
    return values[Math.max(0, Math.min(size - 1, rank))] / 1e6;
  }
}
