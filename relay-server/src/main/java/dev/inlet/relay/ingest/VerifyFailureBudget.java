package dev.inlet.relay.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inlet.relay.id.EndpointId;
import java.time.Duration;

/**
 * How many signature failures an endpoint may have per second (a token bucket, one second of
 * burst). Once spent, the endpoint's requests are refused before their bodies are read: a run of
 * forged posts costs headers, not HMACs of megabyte bodies. Per node; buckets of endpoints that
 * stopped failing are forgotten after a minute.
 */
public final class VerifyFailureBudget {
  private final int perSecond;
  private final long refusalDelayMillis;
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(1))
      .build();

  public VerifyFailureBudget(int perSecond) {
    this(perSecond, 0);
  }

  /**
   * {@code refusalDelayMillis}: how long a refused request is held, unread, before its answer (a
   * tarpit). A forger's connections then send a request a second instead of as fast as refusals
   * come back, which on a small machine is what the other tenants' latency needs.
   */
  public VerifyFailureBudget(int perSecond, long refusalDelayMillis) {
    this.perSecond = perSecond;
    this.refusalDelayMillis = refusalDelayMillis;
  }

  public long refusalDelayMillis() {
    return refusalDelayMillis;
  }

  /**
   * Whether a request to the endpoint may be verified. An endpoint that has not failed lately
   * (no bucket, or a full one) is always admitted, free. One that has is admitted only against its
   * budget: the request takes a token now, so that concurrent forged requests cannot all pass before
   * the first of them fails, and {@link #passed} gives it back when the signature holds.
   */
  public Admission admit(EndpointId endpoint) {
    Bucket bucket = buckets.getIfPresent(endpoint.value());
    if (bucket == null) {
      return Admission.FREE;
    }
    return bucket.reserve(perSecond, System.nanoTime());
  }

  /** The signature of a request admitted against the budget held: its token comes back. */
  public void passed(EndpointId endpoint, Admission admission) {
    Bucket bucket = buckets.getIfPresent(endpoint.value());
    if (admission == Admission.RESERVED && bucket != null) {
      bucket.refund(perSecond);
    }
  }

  /** One more failure of the endpoint; a request admitted against the budget already paid for it. */
  public void failed(EndpointId endpoint, Admission admission) {
    if (admission != Admission.RESERVED) {
      buckets.get(endpoint.value(), k -> new Bucket(perSecond)).take(perSecond, System.nanoTime());
    }
  }

  /** How a request was let through. */
  public enum Admission { FREE, RESERVED, REFUSED }

  private static final class Bucket {
    private double tokens;
    private long updatedNanos = System.nanoTime();

    Bucket(int perSecond) {
      this.tokens = perSecond;
    }

    synchronized void take(int rate, long now) {
      refill(rate, now);
      tokens = Math.max(0, tokens - 1);
    }

    synchronized Admission reserve(int rate, long now) {
      refill(rate, now);
      if (tokens >= rate) {
        return Admission.FREE;
      }
      if (tokens < 1) {
        return Admission.REFUSED;
      }
      tokens -= 1;
      return Admission.RESERVED;
    }

    synchronized void refund(int rate) {
      tokens = Math.min(rate, tokens + 1);
    }

    private void refill(int rate, long now) {
      tokens = Math.min(rate, tokens + (now - updatedNanos) / 1e9 * rate);
      updatedNanos = now;
    }
  }
}
