package dev.inlet.relay.queue;

import io.vertx.core.Vertx;

/**
 * Wakes consumers waiting on a queue in this process. Other nodes hear of new messages through
 * PostgreSQL's {@code NOTIFY inlet_queue}, sent by the committing statement itself.
 */
public final class QueueSignals {
  private static final String ADDRESS_PREFIX = "inlet.queue.";
  private static final String DRAIN_ADDRESS = "inlet.node.drain";

  private final Vertx vertx;
  private final QueueRates rates = new QueueRates();
  private volatile boolean draining;

  public QueueSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * This node is stopping: long polls answer with what they have (nothing) now, streams end, and
   * no consumer waits any more.
   */
  public void drain() {
    draining = true;
    vertx.eventBus().publish(DRAIN_ADDRESS, null);
  }

  public boolean draining() {
    return draining;
  }

  /** Where {@link #drain()} is announced to every waiter and stream of this node. */
  public static String drainAddress() {
    return DRAIN_ADDRESS;
  }

  /** A message was committed to the queue: counted for its rates, and its waiters woken. */
  public void enqueued(long queueId) {
    enqueued(queueId, 1);
  }

  public void enqueued(long queueId, int count) {
    rates.enqueued(queueId, count);
    signal(queueId);
  }

  /** This node's in/out counts, not yet written to the database. */
  public QueueRates rates() {
    return rates;
  }

  public void signal(long queueId) {
    vertx.eventBus().publish(address(queueId), null);
  }

  public static String address(long queueId) {
    return ADDRESS_PREFIX + queueId;
  }

  /** Tells this node's streams that a message of theirs was settled (its id), so they may send more. */
  public void settled(long queueId, long messageId) {
    vertx.eventBus().publish(settledAddress(queueId), messageId);
  }

  public static String settledAddress(long queueId) {
    return ADDRESS_PREFIX + queueId + ".settled";
  }
}
