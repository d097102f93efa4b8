package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.QueueStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;

/** A tenant's queues: create, read with stats, update settings, delete. */
public final class QueueService {

  /** A queue with its current depth. */
  public record QueueWithStats(Queue queue, QueueStats stats) {}

  private final Pool pool;
  private final QueueStore queues;
  private final QueueDirectory directory;

  public QueueService(Pool pool, QueueStore queues, QueueDirectory directory) {
    this.pool = pool;
    this.queues = queues;
    this.directory = directory;
  }

  public Future<Queue> create(TenantId tenant, String name, QueueSettings settings) {
    return queues.insert(pool, tenant, name, settings);
  }

  public Future<List<Queue>> list(TenantId tenant, String afterName, int limit) {
    return queues.listAfter(pool, tenant, afterName, limit);
  }

  public Future<QueueWithStats> get(TenantId tenant, String name) {
    return require(queues.find(pool, tenant, name), name)
        .compose(queue -> queues.stats(pool, queue).map(stats -> new QueueWithStats(queue, stats)));
  }

  public Future<Queue> update(TenantId tenant, String name, QueueSettings settings) {
    return require(queues.update(pool, tenant, name, settings), name)
        .onComplete(done -> directory.invalidate(tenant, name));
  }

  public Future<Void> delete(TenantId tenant, String name) {
    return queues.delete(pool, tenant, name).onComplete(done -> directory.invalidate(tenant, name))
        .compose(deleted -> deleted
        ? Future.succeededFuture()
        : Future.failedFuture(notFound(name)));
  }

  private static Future<Queue> require(Future<Optional<Queue>> lookup, String name) {
    return lookup.compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(notFound(name))));
  }

  private static InletProblem notFound(String name) {
    return InletProblem.notFound("no queue named '" + name + "'");
  }
}
