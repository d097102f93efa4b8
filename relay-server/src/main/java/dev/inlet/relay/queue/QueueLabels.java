package dev.inlet.relay.queue;

import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code tenant} and {@code queue} labels of per-queue meters, behind a cardinality guard: the
 * first {@code max} queues a node sees keep their own name; any queue after them is counted as
 * {@code queue="_other"} of its tenant, so a tenant creating thousands of queues cannot blow up the
 * scrape. A deleted queue gives its place back ({@link #forget}).
 */
public final class QueueLabels {
  /** The queue label of every queue over the limit. */
  public static final String OTHER = "_other";

  private record Key(String tenantId, String queue) {}

  private final int max;
  private final Set<Key> named = ConcurrentHashMap.newKeySet();

  public QueueLabels(int max) {
    this.max = max;
  }

  public Tags tags(String tenantId, String queue) {
    return Tags.of("tenant", tenantId, "queue", label(tenantId, queue));
  }

  /** The queue's own name while there is room (or it already has one), else {@link #OTHER}. */
  public String label(String tenantId, String queue) {
    Key key = new Key(tenantId, queue);
    if (named.contains(key)) {
      return queue;
    }
    synchronized (named) {
      if (named.size() < max) {
        named.add(key);
        return queue;
      }
    }
    return OTHER;
  }

  /** The queue no longer exists: its place is free for another. */
  void forget(String tenantId, String queue) {
    named.remove(new Key(tenantId, queue));
  }
}
