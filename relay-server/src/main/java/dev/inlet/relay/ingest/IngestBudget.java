package dev.inlet.relay.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of inbound bodies this node holds at once, from the moment their reading starts until
 * they are answered (read, verified, waiting for or inside a group-commit batch). Over the budget a
 * request is refused with 503 before its body is read, so a flood while the database is slow costs
 * bounded memory and the provider retries later.
 */
public final class IngestBudget {
  private final long maxBytes;
  private final AtomicLong held = new AtomicLong();

  public IngestBudget(long maxBytes, MeterRegistry registry) {
    this.maxBytes = maxBytes;
    Gauge.builder("inlet.ingest.pending.bytes", held, AtomicLong::get)
        .description("Bytes of inbound bodies held until answered (INLET_INGEST_MAX_PENDING_BYTES bounds it)")
        .baseUnit("bytes")
        .register(registry);
  }

  /** Holds {@code bytes} more if the budget allows; whether it did. */
  public boolean tryReserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > maxBytes) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    held.addAndGet(-bytes);
  }

  public long held() {
    return held.get();
  }

  public long maxBytes() {
    return maxBytes;
  }
}
