package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.QueueStore;
import dev.inlet.relay.tenant.QuotaGuard;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** A tenant's queues: create, read with stats, update settings, delete. */
public final class QueueService {

  /** A queue with its current depth and its last hour's in/out rates. */
  public record QueueWithStats(Queue queue, QueueStats stats, List<QueueRateRecorder.Minute> rates) {}

  private final Pool pool;
  private final QueueStore queues;
  private final QueueDirectory directory;
  private final LongConsumer routesChanged;
  private final Consumer<String> changed;
  private final QueueRateRecorder rates;
  private final QueueSignals signals;
  private final QuotaGuard quotas;

  /**
   * {@code routesChanged} hears of a deleted queue's id: the routes to it went with it;
   * {@code changed} of every queue changed here ({@link QueueDirectory#key}), once this node's cache forgot it.
   */
  public QueueService(Pool pool, QueueStore queues, QueueDirectory directory, QueueSignals signals,
      QuotaGuard quotas, LongConsumer routesChanged, Consumer<String> changed, QueueRateRecorder rates) {
    this.rates = rates;
    this.quotas = quotas;
    this.signals = signals;
    this.pool = pool;
    this.queues = queues;
    this.directory = directory;
    this.routesChanged = routesChanged;
    this.changed = changed;
  }

  public Future<Queue> create(TenantId tenant, String name, QueueSettings settings) {
    return quotas.mayAddQueue(pool, tenant).compose(ok -> queues.insert(pool, tenant, name,
            orDefault(settings.leaseSeconds(), Queue.DEFAULT_LEASE_SECONDS),
            orDefault(settings.maxAttempts(), Queue.DEFAULT_MAX_ATTEMPTS),
            orDefault(settings.retentionSeconds(), Queue.DEFAULT_RETENTION_SECONDS)))
        .map(Queue::from);
  }

  public Future<List<Queue>> list(TenantId tenant, String afterName, int limit) {
    return queues.listAfter(pool, tenant, afterName, limit).map(rows -> rows.stream().map(Queue::from).toList());
  }

  /** A page of queues, each with its depth and rates: three statements whatever the page's size. */
  public Future<List<QueueWithStats>> listWithStats(TenantId tenant, String afterName, int limit) {
    return list(tenant, afterName, limit).compose(page -> {
      List<Long> ids = page.stream().map(Queue::id).toList();
      if (ids.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      return queues.statsOf(pool, tenant, ids).compose(stats -> rates.lastHourOf(tenant, ids)
          .map(perMinute -> page.stream().map(queue -> new QueueWithStats(queue, QueueStats.from(stats.get(queue.id())),
              perMinute.getOrDefault(queue.id(), List.of()))).toList()));
    });
  }

  public Future<QueueWithStats> get(TenantId tenant, String name) {
    return require(queues.find(pool, tenant, name), name)
        .compose(queue -> queues.stats(pool, tenant, queue.id())
            .compose(stats -> rates.lastHour(queue)
                .map(perMinute -> new QueueWithStats(queue, QueueStats.from(stats), perMinute))));
  }

  public Future<Queue> update(TenantId tenant, String name, QueueSettings settings) {
    return require(queues.update(pool, tenant, name, settings.leaseSeconds(), settings.maxAttempts(),
            settings.retentionSeconds()), name)
        .onComplete(done -> forget(tenant, name));
  }

  /**
   * Pauses or resumes the queue. The lease statements read the flag, so it holds on every node at
   * once; a resume wakes this node's waiting consumers now and the others' by {@code NOTIFY}.
   */
  public Future<Queue> setPaused(TenantId tenant, String name, boolean paused) {
    return require(queues.setPaused(pool, tenant, name, paused), name).onSuccess(queue -> {
      forget(tenant, name);
      if (!paused) {
        signals.signal(queue.id());
      }
    });
  }

  public Future<Void> delete(TenantId tenant, String name) {
    return queues.find(pool, tenant, name).compose(found -> queues.delete(pool, tenant, name)
        .onComplete(done -> {
          forget(tenant, name);
          found.ifPresent(queue -> routesChanged.accept(queue.id()));
        }))
        .compose(deleted -> deleted
        ? Future.succeededFuture()
        : Future.failedFuture(notFound(name)));
  }

  private void forget(TenantId tenant, String name) {
    directory.invalidate(tenant, name);
    changed.accept(QueueDirectory.key(tenant, name));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static Future<Queue> require(Future<Optional<QueueStore.QueueRow>> lookup, String name) {
    return lookup.map(found -> found.map(Queue::from)).compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(notFound(name))));
  }

  private static InletProblem notFound(String name) {
    return InletProblem.notFound("no queue named '" + name + "'");
  }
}
