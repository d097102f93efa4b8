package dev.inlet.relay.ingest;

import dev.inlet.relay.id.TenantId;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per tenant (one second of burst), per relay node. Cheap and lock-light; the database
 * is not consulted. {@link SharedRateLimiter} applies it first, then the tenant's budget across nodes.
 */
public final class TenantRateLimiter {
  private final Map<TenantId, Bucket> buckets = new ConcurrentHashMap<>();

  /** Empty when the request may go on; else how many seconds to wait ({@code Retry-After}). */
  public OptionalLong acquire(TenantId tenant, Integer ratePerSecond) {
    if (ratePerSecond == null) {
      return OptionalLong.empty();
    }
    return buckets.computeIfAbsent(tenant, t -> new Bucket()).take(ratePerSecond, System.nanoTime());
  }

  private static final class Bucket {
    private double tokens = -1;
    private long updatedNanos;

    synchronized OptionalLong take(int rate, long now) {
      if (tokens < 0) {
        tokens = rate;
      } else {
        tokens = Math.min(rate, tokens + (now - updatedNanos) / 1e9 * rate);
      }
      updatedNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return OptionalLong.empty();
      }
      return OptionalLong.of((long) Math.ceil((1 - tokens) / rate));
    }
  }
}
