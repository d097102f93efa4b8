package dev.inlet.relay.ingest;

/** What the provider is told: the event's id, and whether it was already there. */
public record IngestResult(String eventId, boolean duplicate) {}
