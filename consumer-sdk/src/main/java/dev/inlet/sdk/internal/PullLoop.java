package dev.inlet.sdk.internal;

import dev.inlet.sdk.InletApiException;
import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker's message source in pull mode: on a thread of its own, long-polls {@code receive} for as
 * many messages as there are free slots (at least one, at most 100) and hands each to the pool. A
 * failing receive is retried with backoff.
 */
public final class PullLoop {
  private static final int MAX_BATCH = 100;
  private static final Duration ERROR_BASE = Duration.ofMillis(500);
  private static final Duration ERROR_MAX = Duration.ofSeconds(30);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
  private static final System.Logger log = System.getLogger(PullLoop.class.getName());

  private final InletClient client;
  private final String queue;
  private final int concurrency;
  private final Duration pollWait;
  private final Duration lease;
  private final HandlerPool pool;
  private final Thread thread;

  /** @param lease null for the queue's default */
  public PullLoop(InletClient client, String queue, int concurrency, Duration pollWait, Duration lease,
      HandlerPool pool) {
    this.client = client;
    this.queue = queue;
    this.concurrency = concurrency;
    this.pollWait = pollWait;
    this.lease = lease;
    this.pool = pool;
    this.thread = new Thread(this::run, "inlet-poll-" + queue);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Abandons the waiting poll (the relay hands back what it leased for it) and waits for the thread. */
  public void stop() {
    thread.interrupt();
    try {
      thread.join(JOIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    int errors = 0;
    while (!pool.isClosing()) {
      try {
        if (!pool.acquire()) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      int n = 1 + pool.acquireFree(Math.min(MAX_BATCH, concurrency) - 1);
      List<Message> messages;
      try {
        messages = client.receive(queue, n, pollWait, lease);
        errors = 0;
      } catch (InterruptedIOException e) {
        pool.release(n);
        return;
      } catch (IOException | InletApiException e) {
        pool.release(n);
        errors++;
        log.log(Level.WARNING, "receive on {0} failed ({1}); retrying", queue, e.toString());
        if (!pause(Waits.backoff(errors, ERROR_BASE, ERROR_MAX))) {
          return;
        }
        continue;
      }
      pool.release(n - messages.size());
      messages.forEach(pool::run);
    }
  }

  private static boolean pause(Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
