package dev.inlet.sdk;

import dev.inlet.sdk.internal.HandlerPool;
import dev.inlet.sdk.internal.LeaseKeeper;
import dev.inlet.sdk.internal.ProcessingPolicy;
import dev.inlet.sdk.internal.PullLoop;
import dev.inlet.sdk.internal.StreamDispatcher;
import dev.inlet.sdk.internal.WorkerCounters;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link MessageHandler} on up to {@code concurrency} messages of one queue at once. A
 * handler that returns has its message acked; one that throws {@link PermanentFailure} has it
 * rejected (dead letter); any other exception nacks it (the relay's backoff by attempt, or
 * {@link Builder#retryDelay}). While a handler runs, its lease is extended at half-life. With an
 * {@link IdempotencyStore}, a message whose event was already processed is acked unrun.
 * {@link #close()} stops taking work and waits (bounded) for handlers in flight.
 *
 * <p>Messages come by long-poll {@code receive} ({@link Mode#PULL}, the default) or by a stream
 * ({@link Mode#STREAM}, prefetch = concurrency). Either way the worker takes a message only when a
 * handler is free for it (the stream waits meanwhile), so at most {@code concurrency} are taken
 * and not yet settled.
 */
public final class Worker implements AutoCloseable {
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofDays(7);

  /** Where messages come from. */
  public enum Mode { PULL, STREAM }

  private final Duration drainTimeout;
  private final WorkerCounters counters = new WorkerCounters();
  private final LeaseKeeper leases;
  private final HandlerPool pool;
  private final PullLoop pullLoop;
  private final StreamDispatcher stream;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();

  private Worker(Builder b) {
    this.drainTimeout = b.drainTimeout;
    this.leases = new LeaseKeeper(b.client, b.lease, counters, b.queue);
    ProcessingPolicy policy = new ProcessingPolicy(b.client, b.handler, b.idempotencyStore, b.idempotencyTtl,
        b.retryDelay, leases, counters);
    this.pool = new HandlerPool(b.concurrency, policy, b.queue);
    if (b.mode == Mode.STREAM) {
      this.pullLoop = null;
      this.stream = new StreamDispatcher(b.client, b.queue, b.concurrency, b.lease, pool);
    } else {
      this.pullLoop = new PullLoop(b.client, b.queue, b.concurrency, b.pollWait, b.lease, pool);
      this.stream = null;
    }
  }

  public static Builder builder(InletClient client, String queue) {
    return new Builder(client, queue);
  }

  /** Starts taking messages; returns this. A worker starts once. */
  public Worker start() {
    if (!started.compareAndSet(false, true) || closing.get()) {
      throw new IllegalStateException("a worker starts once");
    }
    if (stream != null) {
      stream.start();
    } else {
      pullLoop.start();
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
    pool.stopTaking();
    if (pullLoop != null) {
      pullLoop.stop();
    }
    pool.drain(drainTimeout);
    if (stream != null) {
      stream.close(); // after the drain: closing the stream releases the leases of unsettled messages
    }
    leases.close();
  }

  /** What this worker has done so far. */
  public WorkerStats stats() {
    return counters.snapshot();
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
