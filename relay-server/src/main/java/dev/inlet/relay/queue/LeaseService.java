package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Leases messages, waiting for them when asked to (long poll). A waiter listens for its queue's
 * signal before it looks, so a message committed in between is not missed; it also wakes when the
 * next delayed message or expiring lease becomes visible, and at its deadline. No polling loop.
 */
public final class LeaseService {
  private final Vertx vertx;
  private final Pool pool;
  private final QueueDirectory queues;
  private final MessageStore messages;
  private final QueueMetrics metrics;
  private final QueueSignals signals;

  public LeaseService(Vertx vertx, Pool pool, QueueDirectory queues, MessageStore messages, QueueMetrics metrics,
      QueueSignals signals) {
    this.vertx = vertx;
    this.signals = signals;
    this.pool = pool;
    this.queues = queues;
    this.messages = messages;
    this.metrics = metrics;
  }

  /** The tenant's queue, if {@code access} may consume it: 404 when it does not exist, 403 when not allowed. */
  public Future<Queue> consumable(TenantId tenant, String name, QueueAccess access) {
    return queues.find(tenant, name).map(found -> {
      Queue queue = found.orElseThrow(() -> InletProblem.notFound("no queue named '" + name + "'"));
      if (!access.mayConsume(name)) {
        throw InletProblem.forbidden("this token may not consume queue '" + name + "'");
      }
      return queue;
    });
  }

  /**
   * Up to {@code max} messages, waiting up to {@code wait} for the first; {@code take} deletes them
   * as they are delivered (at-most-once) instead of leasing them.
   */
  public Future<List<Delivery>> lease(Queue queue, int max, int leaseSeconds, Duration wait, boolean take,
      LeaseOrigin origin) {
    MessageStore.Leaser leaser = new MessageStore.Leaser(origin.tokenId(), origin.via());
    long deadline = System.nanoTime() + wait.toNanos();
    // Most calls find work at once: only a caller about to wait subscribes to its queue's signal,
    // and it looks again after subscribing, so a commit in between still wakes it.
    return leaseNow(queue, max, leaseSeconds, take, leaser).compose(found -> {
      if (!found.isEmpty() || wait.isZero() || signals.draining()) {
        return Future.succeededFuture(found);
      }
      Wakeup wakeup = new Wakeup(queue.id());
      return attempt(queue, max, leaseSeconds, take, leaser, deadline, wakeup).onComplete(done -> wakeup.close());
    });
  }

  private Future<List<Delivery>> attempt(Queue queue, int max, int leaseSeconds, boolean take,
      MessageStore.Leaser leaser, long deadline, Wakeup wakeup) {
    wakeup.rearm();
    if (signals.draining()) {
      // Woken by the drain: leasing now would hand messages to a consumer about to be cut off.
      return Future.succeededFuture(List.of());
    }
    return leaseNow(queue, max, leaseSeconds, take, leaser).compose(found -> {
      if (!found.isEmpty() || System.nanoTime() >= deadline || signals.draining()) {
        return Future.succeededFuture(found);
      }
      return wakeup.await(queue, deadline)
          .compose(v -> attempt(queue, max, leaseSeconds, take, leaser, deadline, wakeup));
    });
  }

  /** One statement; again at once if messages were dead-lettered and took the places of live ones. */
  private Future<List<Delivery>> leaseNow(Queue queue, int max, int leaseSeconds, boolean take,
      MessageStore.Leaser leaser) {
    Future<MessageStore.Leased> leased = take
        ? messages.take(pool, queue.tenantId(), queue.id(), max, leaser)
        : messages.lease(pool, queue.tenantId(), queue.id(), queue.maxAttempts(), max, leaseSeconds, leaser);
    return leased.compose(result -> {
      List<Delivery> deliveries = new ArrayList<>(result.rows().size());
      for (MessageStore.LeasedRow row : result.rows()) {
        Delivery delivery = Delivery.from(row, queue.id());
        metrics.delivered(queue, delivery);
        deliveries.add(delivery);
      }
      if (take) {
        metrics.taken(queue, deliveries.size());
      }
      if (result.deadLettered() > 0) {
        metrics.deadLettered(queue, result.deadLettered());
        if (deliveries.size() < max) {
          return leaseNow(queue, max - deliveries.size(), leaseSeconds, take, leaser).map(more -> {
            deliveries.addAll(more);
            return deliveries;
          });
        }
      }
      return Future.succeededFuture(deliveries);
    });
  }

  /** One waiter's subscription to its queue's signal, kept across its attempts. */
  private final class Wakeup {
    private final MessageConsumer<Object> consumer;
    private final MessageConsumer<Object> drain;
    private boolean signalled;
    private Promise<Void> waiting;
    private long timer = -1;

    Wakeup(long queueId) {
      consumer = vertx.eventBus().localConsumer(QueueSignals.address(queueId), message -> wake());
      drain = vertx.eventBus().localConsumer(QueueSignals.nodeAddress(), message -> wake());
    }

    void rearm() {
      signalled = false;
    }

    Future<Void> await(Queue queue, long deadline) {
      if (signalled) {
        return Future.succeededFuture();
      }
      waiting = Promise.promise();
      Promise<Void> current = waiting;
      // Wake for the next message that becomes visible by itself (nack delay, lease expiry).
      messages.nextVisibleAt(pool, queue.tenantId(), queue.id()).onSuccess(next -> {
        long untilDeadline = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        long delay = next.map(LeaseService::millisUntil).map(ms -> Math.min(ms, untilDeadline)).orElse(untilDeadline);
        if (current == waiting && !current.future().isComplete()) {
          timer = vertx.setTimer(Math.max(1, delay), id -> wake());
        }
      }).onFailure(current::tryFail);
      return current.future();
    }

    private void wake() {
      signalled = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (waiting != null) {
        waiting.tryComplete();
      }
    }

    void close() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      consumer.unregister();
      drain.unregister();
    }
  }

  private static long millisUntil(OffsetDateTime time) {
    return Math.max(1, Duration.between(OffsetDateTime.now(), time).toMillis() + 5);
  }
}
