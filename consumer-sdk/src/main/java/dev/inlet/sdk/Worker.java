package dev.inlet.sdk;

import dev.inlet.sdk.internal.Waits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link MessageHandler} on up to {@code concurrency} messages of one queue at once. A
 * handler that returns has its message acked; one that throws {@link PermanentFailure} has it
 * rejected (dead letter); any other exception nacks it (the relay's backoff by attempt, or
 * {@link Builder#retryDelay}). While a handler runs, its lease is extended at half-life. With an
 * {@link IdempotencyStore}, a message whose event was already processed is acked unrun.
 * {@link #close()} stops taking work and waits (bounded) for handlers in flight.
 *
 * <p>Messages come by long-poll {@code receive} ({@link Mode#PULL}, the default) or by a stream
 * ({@link Mode#STREAM}, prefetch = concurrency).
 */
public final class Worker implements AutoCloseable {
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofDays(7);
  private static final Duration POLL_ERROR_BASE = Duration.ofMillis(500);
  private static final Duration POLL_ERROR_MAX = Duration.ofSeconds(30);
  private static final Duration MIN_EXTEND_PERIOD = Duration.ofMillis(500);
  private static final System.Logger log = System.getLogger(Worker.class.getName());

  /** Where messages come from. */
  public enum Mode { PULL, STREAM }

  private final InletClient client;
  private final String queue;
  private final int concurrency;
  private final MessageHandler handler;
  private final IdempotencyStore idempotencyStore;
  private final Duration idempotencyTtl;
  private final Duration lease;
  private final Duration retryDelay;
  private final Duration pollWait;
  private final Duration drainTimeout;
  private final Mode mode;

  private final ExecutorService handlers;
  private final ScheduledExecutorService extender;
  private final Semaphore slots;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong extended = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private volatile Thread poller;
  private volatile Subscription subscription;

  private Worker(Builder b) {
    this.client = b.client;
    this.queue = b.queue;
    this.concurrency = b.concurrency;
    this.handler = b.handler;
    this.idempotencyStore = b.idempotencyStore;
    this.idempotencyTtl = b.idempotencyTtl;
    this.lease = b.lease;
    this.retryDelay = b.retryDelay;
    this.pollWait = b.pollWait;
    this.drainTimeout = b.drainTimeout;
    this.mode = b.mode;
    this.handlers = Executors.newFixedThreadPool(concurrency, threads("inlet-worker-" + queue + "-"));
    this.extender = Executors.newSingleThreadScheduledExecutor(threads("inlet-extend-" + queue + "-"));
    this.slots = new Semaphore(concurrency);
  }

  public static Builder builder(InletClient client, String queue) {
    return new Builder(client, queue);
  }

  /** Starts taking messages; returns this. A worker starts once. */
  public Worker start() {
    if (!started.compareAndSet(false, true) || closing.get()) {
      throw new IllegalStateException("a worker starts once");
    }
    if (mode == Mode.STREAM) {
      subscription = client.stream(queue, concurrency, lease, this::dispatch);
    } else {
      Thread t = new Thread(this::poll, "inlet-poll-" + queue);
      t.setDaemon(true);
      poller = t;
      t.start();
    }
    return this;
  }

  /**
   * Stops taking messages, waits up to the drain timeout for handlers in flight (their leases keep
   * being extended), then interrupts any still running. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    Thread t = poller;
    if (t != null) {
      t.interrupt();
      join(t);
    }
    handlers.shutdown();
    try {
      if (!handlers.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.log(Level.WARNING, "{0} handler(s) still running after {1}; interrupting", inFlight.get(), drainTimeout);
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handlers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    Subscription s = subscription;
    if (s != null) {
      s.close(); // after the drain: closing the stream releases the leases of unsettled messages
    }
    extender.shutdownNow();
  }

  /** What this worker has done so far. */
  public WorkerStats stats() {
    return new WorkerStats(processed.get(), failed.get(), rejected.get(), extended.get(), duplicates.get(),
        lost.get(), inFlight.get());
  }

  private void poll() {
    int errors = 0;
    while (!closing.get()) {
      int n;
      try {
        slots.acquire();
        n = 1 + drainSlots(Math.min(100, concurrency) - 1);
      } catch (InterruptedException e) {
        return;
      }
      List<Message> messages;
      try {
        messages = client.receive(queue, n, pollWait, lease);
        errors = 0;
      } catch (InterruptedIOException e) {
        slots.release(n);
        return;
      } catch (IOException | InletApiException e) {
        slots.release(n);
        errors++;
        log.log(Level.WARNING, "receive on {0} failed ({1}); retrying", queue, e.toString());
        if (!pause(Waits.backoff(errors, POLL_ERROR_BASE, POLL_ERROR_MAX))) {
          return;
        }
        continue;
      }
      slots.release(n - messages.size());
      for (Message message : messages) {
        submit(message, slots::release);
      }
    }
  }

  private int drainSlots(int max) {
    int taken = 0;
    while (taken < max && slots.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  /** Stream mode: prefetch = concurrency, so a free handler thread is always there. */
  private void dispatch(Message message) {
    submit(message, () -> { });
  }

  private void submit(Message message, Runnable done) {
    if (closing.get()) {
      handBack(message, done);
      return;
    }
    try {
      handlers.execute(() -> {
        try {
          process(message);
        } finally {
          done.run();
        }
      });
    } catch (RejectedExecutionException closed) {
      handBack(message, done);
    }
  }

  private void handBack(Message message, Runnable done) {
    settle(message, "nack", () -> client.nack(message, "worker shutting down", Duration.ZERO));
    done.run();
  }

  private void process(Message message) {
    inFlight.incrementAndGet();
    Extension extension = scheduleExtension(message);
    boolean claimed = false;
    try {
      if (idempotencyStore != null) {
        if (!idempotencyStore.firstTime(message.eventId(), idempotencyTtl)) {
          extension.cancel();
          duplicates.incrementAndGet();
          settle(message, "ack", () -> client.ack(message));
          return;
        }
        claimed = true;
      }
      handler.handle(message);
      extension.cancel();
      processed.incrementAndGet();
      settle(message, "ack", () -> client.ack(message));
    } catch (PermanentFailure e) {
      extension.cancel();
      release(message, claimed);
      rejected.incrementAndGet();
      settle(message, "reject", () -> client.reject(message, reason(e)));
    } catch (Exception | Error e) {
      extension.cancel();
      release(message, claimed);
      failed.incrementAndGet();
      if (e instanceof InterruptedException) {
        Thread.interrupted(); // clear it: the nack below must still go out
      }
      settle(message, "nack", () -> client.nack(message, reason(e), retryDelay));
    } finally {
      extension.cancel();
      inFlight.decrementAndGet();
    }
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

  /** A lease being extended at half-life until {@link #cancel()}. */
  private final class Extension {
    private volatile boolean stopped;
    private ScheduledFuture<?> future;

    void cancel() {
      stopped = true;
      future.cancel(false);
    }
  }

  /** Extends at half-life, each time for the lease's full length, until cancelled. */
  private Extension scheduleExtension(Message message) {
    Duration length = lease;
    if (length == null) {
      Instant expiry = message.leaseExpiresAt();
      length = expiry == null ? Duration.ofSeconds(30) : Duration.between(Instant.now(), expiry);
      length = Duration.ofSeconds(Math.max(1, (length.toMillis() + 999) / 1000));
    }
    Duration extendBy = length;
    long period = Math.max(MIN_EXTEND_PERIOD.toMillis(), length.toMillis() / 2);
    Extension extension = new Extension();
    extension.future = extender.scheduleAtFixedRate(() -> {
      if (extension.stopped) {
        return;
      }
      try {
        client.extend(message, extendBy);
        extended.incrementAndGet();
      } catch (IOException | InletApiException e) {
        if (extension.stopped) {
          return; // the handler finished meanwhile and its message was settled
        }
        log.log(Level.WARNING, "could not extend the lease of {0}: {1}", message.id(), e.toString());
        if (e instanceof InletApiException) {
          extension.stopped = true; // the lease is gone (409) or the message is (404)
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    return extension;
  }

  @FunctionalInterface
  private interface Call {
    void run() throws IOException;
  }

  private void settle(Message message, String verb, Call call) {
    try {
      call.run();
    } catch (IOException | InletApiException e) {
      lost.incrementAndGet();
      log.log(Level.WARNING, "{0} of {1} failed ({2}); the relay will deliver it again", verb, message.id(),
          e.toString());
    }
  }

  private boolean pause(Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static void join(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Settings for a {@link Worker}; each is checked when set. */
  public static final class Builder {
    private final InletClient client;
    private final String queue;
    private int concurrency = DEFAULT_CONCURRENCY;
    private MessageHandler handler;
    private IdempotencyStore idempotencyStore;
    private Duration idempotencyTtl = DEFAULT_IDEMPOTENCY_TTL;
    private Duration lease;
    private Duration retryDelay;
    private Duration pollWait = DEFAULT_POLL_WAIT;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private Mode mode = Mode.PULL;

    private Builder(InletClient client, String queue) {
      this.client = Objects.requireNonNull(client, "client");
      this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** Handlers running at once (1–1000). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 1000) {
        throw new IllegalArgumentException("concurrency must be 1..1000: " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Required. */
    public Builder handler(MessageHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Skip (and ack) messages whose {@code eventId} was already processed. Optional. */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotencyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** How long a processed event id is remembered. */
    public Builder idempotencyTtl(Duration ttl) {
      this.idempotencyTtl = InMemoryIdempotencyStore.positive(ttl);
      return this;
    }

    /** The lease to ask for (and extend by); default the queue's {@code leaseSeconds}. */
    public Builder lease(Duration lease) {
      InletClient.leaseSeconds(lease);
      this.lease = lease;
      return this;
    }

    /** Fixed delay before a failed message is retried; default the relay's backoff by attempt. */
    public Builder retryDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("retryDelay must not be negative: " + delay);
      }
      this.retryDelay = delay;
      return this;
    }

    /** Long-poll wait of each receive in {@link Mode#PULL} (0–20 s). */
    public Builder pollWait(Duration wait) {
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative() || wait.compareTo(InletClient.MAX_WAIT) > 0) {
        throw new IllegalArgumentException("pollWait must be 0..20 s: " + wait);
      }
      this.pollWait = wait;
      return this;
    }

    /** How long {@link Worker#close()} waits for handlers in flight. */
    public Builder drainTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout must not be negative: " + timeout);
      }
      this.drainTimeout = timeout;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Worker build() {
      if (handler == null) {
        throw new IllegalStateException("a handler is required");
      }
      return new Worker(this);
    }
  }
}
