package dev.inlet.relay.ingest;

/**
 * What the provider is told: the event's id, and whether it was already there. {@code logged}: the
 * batch statement wrote its request log row (false for a copy that shared its batch with the first).
 */
public record IngestResult(String eventId, boolean duplicate, boolean logged) {
  public IngestResult(String eventId, boolean duplicate) {
    this(eventId, duplicate, true);
  }
}
