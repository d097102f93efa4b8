package dev.inlet.relay.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** An event as stored: the provider's request, byte for byte. */
public record StoredEvent(String id, String endpointId, OffsetDateTime receivedAt, String method, String pathQuery,
    JsonObject headers, String contentType, Buffer body, String dedupeKey, String sourceAddress) {}
