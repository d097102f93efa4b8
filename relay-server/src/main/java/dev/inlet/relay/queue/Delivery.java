package dev.inlet.relay.queue;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.store.MessageStore;
import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message handed to a consumer: its lease, and the event exactly as the provider sent it. The
 * headers stay the JSON text the database holds, so that delivering them costs no re-encoding.
 * {@code replay}: made by a replay or a resend, not by ingest. {@code traceparent} and
 * {@code tracestate}: the W3C trace context the provider sent, or null.
 */
public record Delivery(MessageId id, long queueId, String eventId, String endpointId, String endpointName,
    String method, int attempt,
    UUID leaseToken,
    OffsetDateTime leaseExpiresAt, OffsetDateTime enqueuedAt, OffsetDateTime receivedAt, String headersJson,
    String contentType, Buffer body, boolean replay, String traceparent, String tracestate) {

  static Delivery from(MessageStore.LeasedRow row, long queueId) {
    return new Delivery(new MessageId(row.id()), queueId, row.eventId(), row.endpointId(), row.endpointName(),
        row.method(),
        row.attempt(), row.leaseToken(), row.leaseExpiresAt(), row.enqueuedAt(), row.receivedAt(), row.headersJson(),
        row.contentType(), row.body(), row.replay(), row.traceparent(), row.tracestate());
  }
}
