package dev.inlet.sdk.internal;

import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.Subscription;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A worker's message source in stream mode: a stream with prefetch = concurrency whose thread
 * waits for a free slot before it takes each message. While every handler is busy the stream
 * thread waits instead of taking more (and so does not reconnect either): what the relay delivers
 * again after a reconnect does not pile up behind the handlers, to be run twice. A message whose
 * connection ended while it waited is dropped: the relay took its lease back and delivers it again.
 */
public final class StreamDispatcher implements PacedHandler {
  private final InletClient client;
  private final String queue;
  private final int concurrency;
  private final Duration lease;
  private final HandlerPool pool;
  private volatile Subscription subscription;

  /** @param lease null for the queue's default */
  public StreamDispatcher(InletClient client, String queue, int concurrency, Duration lease, HandlerPool pool) {
    this.client = client;
    this.queue = queue;
    this.concurrency = concurrency;
    this.lease = lease;
    this.pool = pool;
  }

  public void start() {
    subscription = client.stream(queue, concurrency, lease, this);
  }

  /** Called on the stream thread for each message. */
  @Override
  public void handle(Message message, BooleanSupplier stillLeased) throws InterruptedException {
    if (!pool.acquire()) {
      pool.handBack(message);
    } else if (!stillLeased.getAsBoolean()) {
      pool.release(1);
    } else {
      pool.run(message);
    }
  }

  /** Closes the stream: the relay releases the leases of messages not yet settled. */
  public void close() {
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
  }
}
