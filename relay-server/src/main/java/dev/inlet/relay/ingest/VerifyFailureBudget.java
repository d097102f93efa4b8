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
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(1))
      .build();

  public VerifyFailureBudget(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Whether the endpoint has spent its failures: refuse its next request unread. */
  public boolean exhausted(EndpointId endpoint) {
    Bucket bucket = buckets.getIfPresent(endpoint.value());
    return bucket != null && bucket.empty(perSecond, System.nanoTime());
  }

  /** One more failure of the endpoint. */
  public void failed(EndpointId endpoint) {
    buckets.get(endpoint.value(), k -> new Bucket(perSecond)).take(perSecond, System.nanoTime());
  }

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

    synchronized boolean empty(int rate, long now) {
      refill(rate, now);
      return tokens < 1;
    }

    private void refill(int rate, long now) {
      tokens = Math.min(rate, tokens + (now - updatedNanos) / 1e9 * rate);
      updatedNanos = now;
    }
  }
}
