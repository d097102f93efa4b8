package dev.inlet.relay.ingest;

import dev.inlet.relay.provider.EventBody;
import dev.inlet.relay.verify.HeaderLookup;

/** The event type recorded with an event: the provider's, when it is short enough to search by. */
final class EventTypes {
  static final int MAX_LENGTH = 256;

  private EventTypes() {}

  static String of(IngestEndpoint endpoint, HeaderLookup headers, EventBody body) {
    return endpoint.provider().eventType(headers, body)
        .filter(type -> !type.isEmpty() && type.length() <= MAX_LENGTH)
        .orElse(null);
  }
}
