package dev.inlet.relay.health;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this node is serving or going away, and how many requests it has read and not yet
 * answered. Once draining, {@code /readyz} says so and every answer closes its connection, so load
 * balancers and keep-alive clients move on while what was read is still answered.
 */
public final class Lifecycle {
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong cutOff = new AtomicLong();

  /** Whether this call started the drain (the first one does). */
  public boolean beginDrain() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }

  public void requestRead() {
    inFlight.incrementAndGet();
  }

  /** A request's exchange ended: answered, or cut off (the connection closed before its answer). */
  public void requestEnded(boolean answered) {
    inFlight.decrementAndGet();
    if (!answered) {
      cutOff.incrementAndGet();
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Requests whose connection closed before they were answered, since start (clients that left count too). */
  public long cutOff() {
    return cutOff.get();
  }
}
