package dev.inlet.relay.queue;

/**
 * A queue's depth by state, from database time: {@code ready} can be leased now (an expired lease
 * counts), {@code delayed} waits for a nack delay, {@code leased} is held by a consumer.
 */
public record QueueStats(long ready, long delayed, long leased, long dead, Double oldestReadyAgeSeconds) {}
