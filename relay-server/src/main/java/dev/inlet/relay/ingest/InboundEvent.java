package dev.inlet.relay.ingest;

import dev.inlet.relay.id.EventId;
import dev.inlet.relay.store.IngestStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One verified request on its way into the database: the event row it becomes, its dedupe key and
 * the queues it fans out to. {@code eventId} is proposed; a duplicate answers with the first one's.
 */
public record InboundEvent(IngestEndpoint endpoint, EventId eventId, String dedupeKey, String method,
    String pathQuery, JsonObject headers, String contentType, Buffer body, String sourceAddress,
    String eventType, List<Long> queueIds, TraceContext trace) {

  /** Roughly what the row costs in a batch, so batches of large bodies stay bounded. */
  int weightBytes() {
    return body.length() + 512;
  }

  /** The key of its dedupe claim: two copies of one event in a batch share it. */
  String claimKey() {
    return endpoint.id().value() + "\n" + dedupeKey;
  }

  IngestStore.NewEvent toRow() {
    return new IngestStore.NewEvent(endpoint.tenantId(), endpoint.id(), dedupeKey, eventId.value(),
        endpoint.dedupeWindowSeconds(), method, pathQuery, headers.encode(), contentType, body, sourceAddress,
        eventType, queueIds, trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
  }
}
