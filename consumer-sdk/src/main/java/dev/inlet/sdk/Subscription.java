package dev.inlet.sdk;

import java.util.Optional;

/** A running {@link InletClient#stream stream}. Thread-safe. */
public interface Subscription extends AutoCloseable {
  /** Stops the stream; the relay releases the leases of messages not yet settled. Idempotent. */
  @Override
  void close();

  /** False once closed, or once the relay refused the stream for good (see {@link #failure()}). */
  boolean isActive();

  /** How many times the stream connected (1 on the first connection, +1 per reconnect). */
  int connections();

  /** Why the stream stopped on its own: a 4xx that reconnecting cannot fix (401, 403, 404, 400). */
  Optional<InletApiException> failure();
}
