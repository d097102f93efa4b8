package dev.inlet.sdk.internal;

import dev.inlet.sdk.WorkerStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The counters one worker's pieces add to; {@link #snapshot()} is what {@code Worker.stats()} returns. */
public final class WorkerCounters {
  final AtomicLong processed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong extended = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong lost = new AtomicLong();
  final AtomicInteger inFlight = new AtomicInteger();

  public WorkerStats snapshot() {
    return new WorkerStats(processed.get(), failed.get(), rejected.get(), extended.get(), duplicates.get(),
        lost.get(), inFlight.get());
  }
}
