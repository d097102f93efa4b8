package dev.inlet.sdk;

import java.time.Duration;

/**
 * Remembers which keys (event ids, provider object versions) have been processed, so a
 * redelivered message has its effect once. Implementations are thread-safe.
 */
public interface IdempotencyStore {
  /**
   * Claims {@code key} for {@code ttl}. Returns true for exactly one caller per key while the claim
   * lives; after it expires the key counts as new again.
   */
  boolean firstTime(String key, Duration ttl);

  /**
   * Gives up a claim whose effect did not happen (the handler failed), so that the next delivery
   * counts as the first time again.
   */
  void release(String key);
}
