package dev.inlet.relay.queue;

import io.vertx.core.Vertx;

/**
 * Wakes consumers waiting on a queue in this process. Other nodes hear of new messages through
 * PostgreSQL's {@code NOTIFY inlet_queue}, sent by the committing statement itself.
 */
public final class QueueSignals {
  private static final String ADDRESS_PREFIX = "inlet.queue.";

  private final Vertx vertx;

  public QueueSignals(Vertx vertx) {
    this.vertx = vertx;
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
