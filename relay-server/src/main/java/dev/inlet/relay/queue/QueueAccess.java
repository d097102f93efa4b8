package dev.inlet.relay.queue;

import java.util.List;

/**
 * Which queues a caller may consume: the queue names its token is scoped to, or all of the tenant's
 * for an admin token. Settle statements check it in SQL, so a message is found only where allowed.
 */
public record QueueAccess(List<String> queues, boolean admin) {
  /** Every queue of the tenant: what an admin token may consume. */
  public static final QueueAccess ALL = new QueueAccess(List.of(), true);

  public QueueAccess {
    queues = List.copyOf(queues);
  }

  public boolean mayConsume(String queue) {
    return admin || queues.contains(queue);
  }
}
