package dev.inlet.relay.replay;

import dev.inlet.relay.id.ReplayId;
import dev.inlet.relay.store.ReplayStore;
import java.time.OffsetDateTime;

/**
 * A replay job: {@code total} events of the window were found when it started (null before),
 * {@code done} became messages, {@code skipped} did not (a route filter, a copy still waiting in the
 * queue, or the event about to leave retention).
 */
public record Replay(ReplayId id, String queue, String endpointId, String type, OffsetDateTime from,
    OffsetDateTime to, String state, Long total, long done, long skipped, String error, OffsetDateTime createdAt,
    OffsetDateTime startedAt, OffsetDateTime finishedAt) {

  static Replay from(ReplayStore.ReplayRow row) {
    return new Replay(new ReplayId(row.id()), row.queueName(), row.endpointId(), row.eventType(), row.from(),
        row.to(), row.state(), row.total(), row.done(), row.skipped(), row.error(), row.createdAt(), row.startedAt(),
        row.finishedAt());
  }
}
