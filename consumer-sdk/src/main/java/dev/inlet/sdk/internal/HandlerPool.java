package dev.inlet.sdk.internal;

import dev.inlet.sdk.Message;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A worker's {@code concurrency} handler threads and as many slots: a message is taken only with a
 * slot, which it gives back once settled, so the worker never holds more messages than it can run
 * at once. Both message sources take slots here before they take messages.
 */
public final class HandlerPool {
  private static final Duration INTERRUPTED_GRACE = Duration.ofSeconds(5);
  private static final System.Logger log = System.getLogger(HandlerPool.class.getName());

  private final ProcessingPolicy policy;
  private final ThreadPoolExecutor threads;
  private final Semaphore slots;
  private volatile boolean closing;

  public HandlerPool(int concurrency, ProcessingPolicy policy, String queue) {
    this.policy = policy;
    // Unbounded queue, but never more than `concurrency` tasks: each holds a slot.
    this.threads = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), Threads.daemon("inlet-worker-" + queue + "-"));
    this.slots = new Semaphore(concurrency);
  }

  /** Waits for a free slot; false (and no slot) once closing. */
  public boolean acquire() throws InterruptedException {
    if (closing) {
      return false;
    }
    slots.acquire();
    if (closing) {
      slots.release(); // and so wakes the next waiter, if any
      return false;
    }
    return true;
  }

  /** Takes up to {@code max} more slots without waiting; returns how many. */
  public int acquireFree(int max) {
    int taken = 0;
    while (taken < max && slots.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  /** Gives back slots taken for messages that did not come. */
  public void release(int n) {
    slots.release(n);
  }

  /** Runs {@code message} on a handler thread, on a slot the caller holds and this gives back. */
  public void run(Message message) {
    if (closing) {
      handBack(message, true);
      return;
    }
    try {
      threads.execute(() -> {
        try {
          policy.process(message);
        } finally {
          slots.release();
        }
      });
    } catch (RejectedExecutionException closed) {
      handBack(message, true);
    }
  }

  /** Gives back unprocessed a message that came without a slot: {@link #acquire()} said false. */
  public void handBack(Message message) {
    handBack(message, false);
  }

  private void handBack(Message message, boolean slotHeld) {
    try {
      policy.handBack(message);
    } finally {
      if (slotHeld) {
        slots.release();
      }
    }
  }

  public boolean isClosing() {
    return closing;
  }

  /** From now on nothing is taken: {@link #acquire()} says false, waiters included. */
  public void stopTaking() {
    closing = true;
    slots.release(); // wakes a source waiting for a slot; it gives it back
  }

  /**
   * Waits up to {@code timeout} for the handlers in flight, then interrupts those still running and
   * gives them a short grace to settle.
   */
  public void drain(Duration timeout) {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.log(Level.WARNING, "{0} handler(s) still running after {1}; interrupting", threads.getActiveCount(),
            timeout);
        threads.shutdownNow();
        threads.awaitTermination(INTERRUPTED_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
