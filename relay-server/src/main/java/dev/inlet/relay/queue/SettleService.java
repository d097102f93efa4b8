package dev.inlet.relay.queue;

import dev.inlet.relay.id.LeaseRef;
import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * ack, nack, reject, extend, batch ack and redrive. A settle presents the lease token it was given,
 * before the lease runs out: an expired or replaced token matches nothing and the answer is 409, so
 * a stale ack never deletes another consumer's delivery.
 */
public final class SettleService {
  /** Default nack backoff: 1 s, doubling by attempt, at most 10 minutes, with jitter. */
  public static final double BACKOFF_BASE_SECONDS = 1;
  public static final double BACKOFF_CAP_SECONDS = 600;

  private final Pool pool;
  private final Pool durablePool;
  private final MessageStore messages;
  private final QueueSignals signals;
  private final QueueMetrics metrics;
  private final QueueWakeups wakeups;

  /**
   * {@code pool} commits asynchronously (consumer progress: a lost commit means a redelivery);
   * {@code durablePool} waits for the disk, for redrive, which brings dead messages back.
   */
  public SettleService(Pool pool, Pool durablePool, MessageStore messages, QueueSignals signals,
      QueueMetrics metrics, QueueWakeups wakeups) {
    this.wakeups = wakeups;
    this.pool = pool;
    this.durablePool = durablePool;
    this.messages = messages;
    this.signals = signals;
    this.metrics = metrics;
  }

  public Future<Void> ack(TenantId tenant, MessageId id, UUID lease, QueueAccess access) {
    return messages.ack(pool, tenant, id, lease, access.queues(), access.admin()).map(settled -> check(tenant, settled, id, "ack"))
        .onSuccess(settled -> signals.settled(settled.queueId(), id.value()))
        .mapEmpty();
  }

  public Future<Void> nack(TenantId tenant, MessageId id, UUID lease, QueueAccess access, Integer delaySeconds,
      String reason) {
    return messages.nack(pool, tenant, id, lease, access.queues(), access.admin(), delaySeconds, reason, BACKOFF_BASE_SECONDS,
            BACKOFF_CAP_SECONDS)
        .map(settled -> check(tenant, settled, id, "nack"))
        // Waiters recompute when to wake: at once for a zero delay, else when the delay ends.
        .onSuccess(settled -> {
          signals.settled(settled.queueId(), id.value());
          signals.signal(settled.queueId());
          wakeups.wake(settled.queueId());
        })
        .mapEmpty();
  }

  public Future<Void> reject(TenantId tenant, MessageId id, UUID lease, QueueAccess access, String reason) {
    return messages.reject(pool, tenant, id, lease, access.queues(), access.admin(), reason).map(settled -> check(tenant, settled, id, "reject"))
        .onSuccess(settled -> signals.settled(settled.queueId(), id.value()))
        .mapEmpty();
  }

  /** The new lease expiry. */
  public Future<OffsetDateTime> extend(TenantId tenant, MessageId id, UUID lease, QueueAccess access, int leaseSeconds) {
    return messages.extend(pool, tenant, id, lease, access.queues(), access.admin(), leaseSeconds)
        .map(settled -> check(tenant, settled, id, "extend").leaseExpiresAt());
  }

  /** The leases acked; the others were stale or unknown. */
  public Future<Set<LeaseRef>> ackMany(Queue queue, List<LeaseRef> leases) {
    return messages.ackMany(pool, queue.tenantId(), queue.id(), leases).onSuccess(acked -> {
      metrics.acked(queue, acked.size());
      acked.forEach(lease -> signals.settled(queue.id(), lease.id()));
    });
  }

  /** Leases a consumer will not settle (its stream closed) go back to ready at once. */
  public Future<Integer> release(Queue queue, List<LeaseRef> leases) {
    if (leases.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return messages.release(pool, queue.tenantId(), queue.id(), leases).onSuccess(count -> {
      if (count > 0) {
        signals.signal(queue.id());
        wakeups.wake(queue.id());
      }
    });
  }

  /** Leases taken but not delivered go back at once, their attempt with them. */
  public Future<Integer> unlease(Queue queue, List<LeaseRef> leases) {
    if (leases.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return messages.unlease(pool, queue.tenantId(), queue.id(), leases).onSuccess(count -> {
      if (count > 0) {
        signals.signal(queue.id());
        wakeups.wake(queue.id());
      }
    });
  }

  /** Which of these leases are still held (not settled, not expired). */
  public Future<List<Long>> stillLeased(Queue queue, List<LeaseRef> leases) {
    return messages.stillLeased(pool, queue.tenantId(), queue.id(), leases);
  }

  public Future<Integer> redrive(Queue queue, List<Long> ids) {
    return messages.redrive(durablePool, queue.tenantId(), queue.id(), ids).onSuccess(count -> {
      if (count > 0) {
        signals.signal(queue.id());
        wakeups.wake(queue.id());
      }
    });
  }

  private MessageStore.Settled check(TenantId tenant, MessageStore.Settled settled, MessageId id, String verb) {
    metrics.settled(tenant.value(), settled.queueId(), settled.queueName(), settled.outcome(), verb);
    switch (settled.outcome()) {
      case NOT_FOUND -> throw InletProblem.notFound("no message " + id);
      case STALE_LEASE -> throw InletProblem.conflict("the lease on " + id
          + " is no longer yours: it expired and was delivered again, or the message was already settled");
      default -> {
        return settled;
      }
    }
  }
}
