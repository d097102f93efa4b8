package dev.inlet.relay.queue;

/**
 * Settings given when creating or updating a queue; a null field keeps the default (create) or the
 * current value (update). Ranges are checked by the API contract and again by the schema.
 */
public record QueueSettings(Integer leaseSeconds, Integer maxAttempts, Integer retentionSeconds) {}
