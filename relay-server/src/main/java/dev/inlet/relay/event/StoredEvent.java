package dev.inlet.relay.event;

import dev.inlet.relay.store.EventStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** An event as stored: the provider's request, byte for byte, and the trace context it carried (or null). */
public record StoredEvent(String id, String endpointId, OffsetDateTime receivedAt, String method, String pathQuery,
    JsonObject headers, String contentType, Buffer body, String dedupeKey, String sourceAddress,
    String eventType, String traceparent, String tracestate) {

  static StoredEvent from(EventStore.EventRow row) {
    return new StoredEvent(row.id(), row.endpointId(), row.receivedAt(), row.method(), row.pathQuery(), row.headers(),
        row.contentType(), row.body(), row.dedupeKey(), row.sourceAddress(), row.eventType(),
        row.traceparent(), row.tracestate());
  }
}
