package dev.inlet.relay.queue;

import dev.inlet.relay.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.List;

/** An admin's view and repair of a queue: list its messages, purge them, replay stored events into it. */
public final class InspectService {
  /** One replay re-enqueues at most this many events; ask again for the rest. */
  public static final int MAX_REPLAY = 100_000;

  private final Pool pool;
  private final MessageStore messages;
  private final QueueSignals signals;
  private final QueueWakeups wakeups;

  public InspectService(Pool pool, MessageStore messages, QueueSignals signals, QueueWakeups wakeups) {
    this.wakeups = wakeups;
    this.pool = pool;
    this.messages = messages;
    this.signals = signals;
  }

  public Future<List<MessageSummary>> list(Queue queue, String state, long afterId, int limit) {
    return messages.list(pool, queue.tenantId(), queue.id(), state, afterId, limit)
        .map(rows -> rows.stream().map(MessageSummary::from).toList());
  }

  public Future<Integer> purge(Queue queue, String state) {
    return messages.purge(pool, queue.tenantId(), queue.id(), state);
  }

  public Future<Integer> replay(Queue queue, OffsetDateTime from, OffsetDateTime to, String endpointId) {
    return messages.replay(pool, queue.tenantId(), queue.id(), from, to, endpointId, MAX_REPLAY).onSuccess(count -> {
      if (count > 0) {
        signals.enqueued(queue.id(), count);
        wakeups.wake(queue.id());
      }
    });
  }
}
