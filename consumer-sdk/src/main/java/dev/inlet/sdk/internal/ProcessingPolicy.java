package dev.inlet.sdk.internal;

import dev.inlet.sdk.IdempotencyStore;
import dev.inlet.sdk.InletApiException;
import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.MessageHandler;
import dev.inlet.sdk.PermanentFailure;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * What a worker does with one message: skip it (acked) if its event was already processed, else
 * run the handler with its lease kept; then ack on return, reject on {@link PermanentFailure}, nack
 * (with the retry delay, or the relay's backoff) on any other exception. A settle call that fails
 * is counted as lost: the relay will deliver that message again.
 */
public final class ProcessingPolicy {
  private static final System.Logger log = System.getLogger(ProcessingPolicy.class.getName());

  private final InletClient client;
  private final MessageHandler handler;
  private final Tracing tracing = Tracing.detect();
  private final IdempotencyStore idempotencyStore;
  private final Duration idempotencyTtl;
  private final Duration retryDelay;
  private final LeaseKeeper leases;
  private final WorkerCounters counters;

  /**
   * @param idempotencyStore null for none
   * @param retryDelay null for the relay's backoff by attempt
   */
  public ProcessingPolicy(InletClient client, MessageHandler handler, IdempotencyStore idempotencyStore,
      Duration idempotencyTtl, Duration retryDelay, LeaseKeeper leases, WorkerCounters counters) {
    this.client = client;
    this.handler = handler;
    this.idempotencyStore = idempotencyStore;
    this.idempotencyTtl = idempotencyTtl;
    this.retryDelay = retryDelay;
    this.leases = leases;
    this.counters = counters;
  }

  /** Processes and settles {@code message} on the calling thread. */
  public void process(Message message) {
    counters.inFlight.incrementAndGet();
    LeaseKeeper.Lease lease = leases.keep(message);
    boolean claimed = false;
    try {
      if (idempotencyStore != null) {
        if (!idempotencyStore.firstTime(message.eventId(), idempotencyTtl)) {
          lease.end();
          counters.duplicates.incrementAndGet();
          settle(message, "ack", () -> client.ack(message));
          return;
        }
        claimed = true;
      }
      tracing.traced(message, () -> handler.handle(message));
      lease.end();
      counters.processed.incrementAndGet();
      settle(message, "ack", () -> client.ack(message));
    } catch (PermanentFailure e) {
      lease.end();
      release(message, claimed);
      counters.rejected.incrementAndGet();
      settle(message, "reject", () -> client.reject(message, reason(e)));
    } catch (Exception | Error e) {
      lease.end();
      release(message, claimed);
      counters.failed.incrementAndGet();
      if (e instanceof InterruptedException) {
        Thread.interrupted(); // clear it: the nack below must still go out
      }
      settle(message, "nack", () -> client.nack(message, reason(e), retryDelay));
    } finally {
      lease.end();
      counters.inFlight.decrementAndGet();
    }
  }

  /** Gives {@code message} back unprocessed, to be delivered again at once: the worker is closing. */
  public void handBack(Message message) {
    settle(message, "nack", () -> client.nack(message, "worker shutting down", Duration.ZERO));
  }

  private void release(Message message, boolean claimed) {
    if (claimed) {
      try {
        idempotencyStore.release(message.eventId());
      } catch (RuntimeException e) {
        log.log(Level.WARNING, "could not release idempotency claim {0}: {1}", message.eventId(), e.toString());
      }
    }
  }

  @FunctionalInterface
  private interface Call {
    void run() throws IOException;
  }

  private void settle(Message message, String verb, Call call) {
    try {
      call.run();
    } catch (IOException | InletApiException e) {
      counters.lost.incrementAndGet();
      log.log(Level.WARNING, "{0} of {1} failed ({2}); the relay will deliver it again", verb, message.id(),
          e.toString());
    }
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
