package dev.inlet.relay.queue;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.store.MessageStore;
import java.time.OffsetDateTime;

/** A message as an operator inspects it: no body, no lease token. */
public record MessageSummary(MessageId id, String state, int attempt, OffsetDateTime visibleAt,
    OffsetDateTime enqueuedAt, String eventId, String lastError, OffsetDateTime deadAt) {

  static MessageSummary from(MessageStore.MessageRow row) {
    return new MessageSummary(new MessageId(row.id()), row.state(), row.attempt(), row.visibleAt(), row.enqueuedAt(),
        row.eventId(), row.lastError(), row.deadAt());
  }
}
