package dev.inlet.relay.queue;

import io.vertx.core.Vertx;

/**
 * Wakes consumers waiting on a queue in this process. Other nodes hear of new messages through
 * PostgreSQL's {@code NOTIFY inlet_queue}, sent by the committing statement itself.
 */
public final class QueueSignals {
  private static final String ADDRESS_PREFIX = "inlet.queue.";
  private static final String NODE_ADDRESS = "inlet.node";
  /** The body of {@link #nodeAddress()}'s message when the node stops; any other body means "look again". */
  public static final String DRAIN = "drain";
  private static final String LOOK_AGAIN = "look";

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
    vertx.eventBus().publish(NODE_ADDRESS, DRAIN);
  }

  /**
   * Every waiter of this node looks at its queue once, as if each had been signalled: after this
   * node may have missed other nodes' notifications (its LISTEN connection dropped).
   */
  public void lookAgain() {
    vertx.eventBus().publish(NODE_ADDRESS, LOOK_AGAIN);
  }

  public boolean draining() {
    return draining;
  }

  /** Where {@link #drain()} and {@link #lookAgain()} are announced to every waiter and stream of this node. */
  public static String nodeAddress() {
    return NODE_ADDRESS;
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
