package dev.inlet.relay.queue;

import dev.inlet.relay.store.QueueStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes that messages of a queue became visible (or will, at another time than
 * their waiters think) without a new message: a nack, a release, a redrive, a replay. Ingest,
 * replay jobs and resume send their {@code NOTIFY} in their own statement; these verbs commit on
 * the consumer pool, one message at a time, so their queues are gathered for
 * {@link #COALESCE_MILLIS} and sent in one statement: a burst of nacks is one notification per
 * queue, not a storm. This node's own waiters are woken at once by {@link QueueSignals}, not here.
 */
public final class QueueWakeups {
  static final long COALESCE_MILLIS = 5;
  private static final Logger log = LoggerFactory.getLogger(QueueWakeups.class);

  private final Vertx vertx;
  private final Pool pool;
  private final QueueStore store;
  private Set<Long> pending = new LinkedHashSet<>();
  private boolean scheduled;

  public QueueWakeups(Vertx vertx, Pool pool, QueueStore store) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
  }

  /** The queue's waiters on other nodes should look again (within a few milliseconds). */
  public void wake(long queueId) {
    boolean schedule;
    synchronized (this) {
      pending.add(queueId);
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      vertx.setTimer(COALESCE_MILLIS, id -> send());
    }
  }

  private void send() {
    List<Long> queues;
    synchronized (this) {
      queues = new ArrayList<>(pending);
      pending = new LinkedHashSet<>();
      scheduled = false;
    }
    if (!queues.isEmpty()) {
      // A lost notification costs a waiter elsewhere its timer or the end of its long poll, no message.
      store.notify(pool, queues).onFailure(e -> log.debug("Could not notify other nodes: {}", e.toString()));
    }
  }
}
