package dev.inlet.relay.queue;

import dev.inlet.relay.id.MessageId;
import java.time.OffsetDateTime;

/** A message as an operator inspects it: no body, no lease token. */
public record MessageSummary(MessageId id, String state, int attempt, OffsetDateTime visibleAt,
    OffsetDateTime enqueuedAt, String eventId, String lastError, OffsetDateTime deadAt) {}
