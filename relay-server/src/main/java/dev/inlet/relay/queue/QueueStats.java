package dev.inlet.relay.queue;

import dev.inlet.relay.store.QueueStore;

/**
 * A queue's depth by state, from database time: {@code ready} can be leased now (an expired lease
 * counts), {@code delayed} waits for a nack delay, {@code leased} is held by a consumer.
 */
public record QueueStats(long ready, long delayed, long leased, long dead, Double oldestReadyAgeSeconds) {

  static QueueStats from(QueueStore.StatsRow row) {
    return new QueueStats(row.ready(), row.delayed(), row.leased(), row.dead(), row.oldestReadyAgeSeconds());
  }
}
