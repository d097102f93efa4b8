package dev.inlet.sdk;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Periodically asks the provider API what changed since the stored checkpoint and feeds each
 * item to the same handler as the webhooks, catching events that were never delivered. The
 * checkpoint is saved only after every item of a page was handled, so delivery is at least once:
 * pair the handler with an {@link IdempotencyStore}.
 */
public final class Reconciler<T> implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

  private final Sync<T> sync;
  private final CheckpointStore checkpoints;
  private final Consumer<T> handler;
  private final Duration interval;
  private final Consumer<Exception> onError;
  private final ScheduledExecutorService scheduler;
  private final Object runLock = new Object();
  private final boolean ownsScheduler;
  private ScheduledFuture<?> task;

  private Reconciler(Builder<T> b) {
    this.sync = b.sync;
    this.checkpoints = b.checkpoints;
    this.handler = b.handler;
    this.interval = b.interval;
    this.onError = b.onError;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? Executors.newSingleThreadScheduledExecutor(Reconciler::daemon) : b.scheduler;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Runs now and then every interval after the previous run ends. Idempotent. */
  public synchronized Reconciler<T> start() {
    if (task == null) {
      long millis = interval.toMillis();
      task = scheduler.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** One sync on the calling thread: load checkpoint, fetch, handle every item, save checkpoint. */
  public int runOnce() throws Exception {
    String checkpoint = checkpoints.load().orElse(null);
    SyncResult<T> result = sync.sync(checkpoint);
    result.items().forEach(handler);
    checkpoints.save(result.nextCheckpoint());
    return result.items().size();
  }

  private void tick() {
    synchronized (runLock) {
      try {
        runOnce();
      } catch (Exception e) {
        // A thrown exception would cancel the schedule; report it and try again next interval.
        onError.accept(e);
      }
    }
  }

  /**
   * Stops scheduling and returns once a run in progress has finished (its checkpoint saved), so
   * whatever the handler uses can be closed next. Shuts down the scheduler only if it made it.
   */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
    if (ownsScheduler) {
      scheduler.shutdown();
    }
    synchronized (runLock) {
      // Waits for the run in progress, if any (a close from inside the handler holds it already).
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "inlet-reconciler");
    t.setDaemon(true);
    return t;
  }

  /** Configures a {@link Reconciler}; sync, checkpointStore and handler are required. */
  public static final class Builder<T> {
    private Sync<T> sync;
    private CheckpointStore checkpoints;
    private Consumer<T> handler;
    private Duration interval = DEFAULT_INTERVAL;
    private Consumer<Exception> onError = e -> LOG.log(Level.WARNING, "reconciliation failed", e);
    private ScheduledExecutorService scheduler;

    private Builder() {}

    public Builder<T> sync(Sync<T> sync) {
      this.sync = Objects.requireNonNull(sync, "sync");
      return this;
    }

    public Builder<T> checkpointStore(CheckpointStore checkpoints) {
      this.checkpoints = Objects.requireNonNull(checkpoints, "checkpointStore");
      return this;
    }

    public Builder<T> handler(Consumer<T> handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public Builder<T> interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException("interval must be at least 1 ms: " + interval);
      }
      this.interval = interval;
      return this;
    }

    public Builder<T> onError(Consumer<Exception> onError) {
      this.onError = Objects.requireNonNull(onError, "onError");
      return this;
    }

    /** Runs on this scheduler instead of a private daemon thread; the caller shuts it down. */
    public Builder<T> scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    public Reconciler<T> build() {
      if (sync == null || checkpoints == null || handler == null) {
        throw new IllegalArgumentException("sync, checkpointStore and handler are required");
      }
      return new Reconciler<>(this);
    }
  }
}
