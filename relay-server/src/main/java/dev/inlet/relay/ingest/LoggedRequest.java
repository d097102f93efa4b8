package dev.inlet.relay.ingest;

import dev.inlet.relay.store.RequestLogStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One inbound request as the request log keeps it: credential headers redacted, and for a refused
 * one its reason and the first {@value RequestLog#PREVIEW_BYTES} bytes of its body.
 */
public record LoggedRequest(long id, OffsetDateTime receivedAt, String endpointId, String outcome, String reason,
    String eventId, String sourceAddress, String method, JsonObject headers, int bodySize, Buffer bodyPreview,
    String type) {

  static LoggedRequest from(RequestLogStore.RequestRow row) {
    return new LoggedRequest(row.id(), row.receivedAt(), row.endpointId(), row.outcome(), row.reason(),
        row.eventId(), row.sourceAddress(), row.method(), row.headers(), row.bodySize(), row.bodyPreview(),
        row.eventType());
  }
}
