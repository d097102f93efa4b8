package dev.inlet.sdk.internal;

import dev.inlet.sdk.InletApiException;
import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the leases of messages whose handlers are still running: at half-life, each time for the
 * lease's full length, until {@link Lease#end()}. One timer thread only says when; each extension's
 * HTTP call runs on a thread of its own, so no extension waits behind another's round trip.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Duration MIN_PERIOD = Duration.ofMillis(500);
  private static final Duration UNKNOWN_LEASE = Duration.ofSeconds(30);
  private static final System.Logger log = System.getLogger(LeaseKeeper.class.getName());

  private final InletClient client;
  private final Duration lease;
  private final WorkerCounters counters;
  private final ScheduledExecutorService timer;
  private final ExecutorService calls;

  /** @param lease the length to extend by; null to take it from each message's lease */
  public LeaseKeeper(InletClient client, Duration lease, WorkerCounters counters, String queue) {
    this.client = client;
    this.lease = lease;
    this.counters = counters;
    this.timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("inlet-extend-timer-" + queue + "-"));
    // Unbounded, but at most one call per lease is under way, and leases are bounded by the concurrency.
    this.calls = Executors.newCachedThreadPool(Threads.daemon("inlet-extend-" + queue + "-"));
  }

  /** Starts keeping {@code message}'s lease. */
  public Lease keep(Message message) {
    Duration length = lease != null ? lease : remaining(message);
    long period = Math.max(MIN_PERIOD.toMillis(), length.toMillis() / 2);
    Lease kept = new Lease(message, length);
    try {
      kept.ticks = timer.scheduleAtFixedRate(kept::tick, period, period, TimeUnit.MILLISECONDS);
      if (kept.ended) {
        kept.end(); // ended by an API error before its ticks were known
      }
    } catch (RejectedExecutionException closed) {
      kept.ended = true;
    }
    return kept;
  }

  /** Stops every extension, including those under way. */
  @Override
  public void close() {
    timer.shutdownNow();
    calls.shutdownNow();
  }

  private static Duration remaining(Message message) {
    Instant expiry = message.leaseExpiresAt();
    Duration length = expiry == null ? UNKNOWN_LEASE : Duration.between(Instant.now(), expiry);
    return Duration.ofSeconds(Math.max(1, (length.toMillis() + 999) / 1000));
  }

  /** One message's lease, extended until {@link #end()}. */
  public final class Lease {
    private final Message message;
    private final Duration length;
    private final AtomicBoolean calling = new AtomicBoolean();
    private volatile boolean ended;
    private volatile ScheduledFuture<?> ticks;

    private Lease(Message message, Duration length) {
      this.message = message;
      this.length = length;
    }

    /** No more extensions: the message is about to be settled. Idempotent. */
    public void end() {
      ended = true;
      ScheduledFuture<?> t = ticks;
      if (t != null) {
        t.cancel(false);
      }
    }

    private void tick() {
      // A call still under way (a slow relay) makes this tick redundant, not a second caller.
      if (ended || !calling.compareAndSet(false, true)) {
        return;
      }
      try {
        calls.execute(this::extend);
      } catch (RejectedExecutionException closed) {
        calling.set(false);
      }
    }

    private void extend() {
      try {
        client.extend(message, length);
        counters.extended.incrementAndGet();
      } catch (IOException | InletApiException e) {
        if (ended || calls.isShutdown()) {
          return; // the handler finished meanwhile and its message was settled, or the worker closed
        }
        log.log(Level.WARNING, "could not extend the lease of {0}: {1}", message.id(), e.toString());
        if (e instanceof InletApiException) {
          end(); // the lease is gone (409) or the message is (404)
        }
      } finally {
        calling.set(false);
      }
    }
  }
}
