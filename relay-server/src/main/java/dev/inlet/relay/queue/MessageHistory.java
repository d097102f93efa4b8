package dev.inlet.relay.queue;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.AttemptStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A message and every lease it had: what a tenant sees of "what happened to event E in queue Q".
 * An acked message is deleted from its queue, but its attempts stay with its event.
 */
public final class MessageHistory {

  /**
   * A message now: {@code ready}, {@code delayed}, {@code leased}, {@code dead}, {@code acked} (its
   * last attempt was acked, so it is gone from the queue) or {@code gone} (purged, or removed
   * otherwise). {@code visibleAt} only while it is in the queue.
   */
  public record Message(MessageId id, String queue, String eventId, String state, int attempt,
      OffsetDateTime enqueuedAt, OffsetDateTime visibleAt, String lastError, OffsetDateTime deadAt) {}

  /**
   * One lease: outcome {@code leased} (still open), {@code acked}, {@code nacked}, {@code rejected},
   * {@code expired} or {@code released}; {@code duration} from lease to settle, null while open.
   */
  public record Attempt(int attempt, UUID leaseToken, OffsetDateTime leasedAt, String tokenId, String via,
      int leaseSeconds, String outcome, String reason, Double delaySeconds, OffsetDateTime settledAt) {

    public Duration duration() {
      return settledAt == null ? null : Duration.between(leasedAt, settledAt);
    }
  }

  private final Pool pool;
  private final AttemptStore store;
  private final AttemptRecorder recorder;

  public MessageHistory(Pool pool, AttemptStore store, AttemptRecorder recorder) {
    this.pool = pool;
    this.store = store;
    this.recorder = recorder;
  }

  /** This node's attempts not yet written go first, so that a read after a settle sees it. */
  public Future<Message> message(TenantId tenant, MessageId id) {
    return recorder.flush().otherwiseEmpty().compose(v -> store.findMessage(pool, tenant, id.value())).map(found -> found.map(row -> new Message(id, row.queue(),
            row.eventId(), state(row), row.attempt(), row.enqueuedAt(), row.visibleAt(), row.lastError(), row.deadAt()))
        .orElseThrow(() -> InletProblem.notFound("no message " + id)));
  }

  /** A page of the message's attempts, oldest first, after the given one ({@code afterLeasedAt} null: from the start). */
  public Future<List<Attempt>> attempts(TenantId tenant, MessageId id, OffsetDateTime afterLeasedAt, UUID afterToken,
      int limit) {
    // The message first: a 404 for an id the tenant does not have, rather than an empty page.
    return message(tenant, id).compose(message -> store.page(pool, tenant, id.value(),
            afterLeasedAt == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : afterLeasedAt,
            afterToken == null ? new UUID(0, 0) : afterToken, limit))
        .map(rows -> rows.stream().map(r -> new Attempt(r.attempt(), r.leaseToken(), r.leasedAt(), r.tokenId(), r.via(),
            r.leaseSeconds(), r.outcome(), r.reason(), r.delaySeconds(), r.settledAt())).toList());
  }

  private static String state(AttemptStore.MessageRow row) {
    if (row.state() != null) {
      return row.state();
    }
    return "acked".equals(row.lastOutcome()) ? "acked" : "gone";
  }
}
