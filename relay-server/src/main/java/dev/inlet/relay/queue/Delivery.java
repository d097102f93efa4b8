package dev.inlet.relay.queue;

import dev.inlet.relay.id.MessageId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A message handed to a consumer: its lease, and the event exactly as the provider sent it. */
public record Delivery(MessageId id, long queueId, String eventId, String endpointId, int attempt, UUID leaseToken,
    OffsetDateTime leaseExpiresAt, OffsetDateTime enqueuedAt, OffsetDateTime receivedAt, JsonObject headers,
    String contentType, Buffer body) {}
