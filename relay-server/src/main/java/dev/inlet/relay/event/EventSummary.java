package dev.inlet.relay.event;

import dev.inlet.relay.store.EventStore;
import java.time.OffsetDateTime;

/** An event as a search lists it: where and when it came from, what it is, not its body. */
public record EventSummary(String id, String endpointId, String endpointName, String type, OffsetDateTime receivedAt,
    long size, String contentType, String dedupeKey) {

  static EventSummary from(EventStore.EventSummaryRow row) {
    return new EventSummary(row.id(), row.endpointId(), row.endpointName(), row.eventType(), row.receivedAt(),
        row.size(), row.contentType(), row.dedupeKey());
  }
}
