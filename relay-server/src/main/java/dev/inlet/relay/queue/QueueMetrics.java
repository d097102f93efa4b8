package dev.inlet.relay.queue;

import dev.inlet.relay.store.MessageStore.SettleOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivery meters: leases, settlements, dead letters (each by tenant and queue, see
 * {@link QueueLabels}), stale acks, open streams, age at delivery; and the per-minute in/out counts
 * of {@link QueueRates}.
 */
public final class QueueMetrics {
  private final MeterRegistry registry;
  private final QueueLabels labels;
  private final QueueRates rates;
  private final Map<Tags, QueueCounters> byQueue = new ConcurrentHashMap<>();
  private final Counter staleLeases;
  private final Timer ageAtDelivery;
  private final AtomicInteger openStreams = new AtomicInteger();

  /** The counters of one tenant's queue (or of its queues over the label limit). */
  private record QueueCounters(Counter leases, Counter acks, Counter nacks, Counter rejects, Counter deadLetters) {}

  public QueueMetrics(MeterRegistry registry, QueueLabels labels, QueueRates rates) {
    this.registry = registry;
    this.labels = labels;
    this.rates = rates;
    staleLeases = Counter.builder("inlet.queue.stale.leases")
        .description("Settle calls refused: the lease was no longer theirs").register(registry);
    ageAtDelivery = Timer.builder("inlet.queue.delivery.age").description("From enqueue to delivery")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
    registry.gauge("inlet.queue.open.streams", openStreams);
  }

  private QueueCounters counters(String tenantId, String queue) {
    return byQueue.computeIfAbsent(labels.tags(tenantId, queue), tags -> new QueueCounters(
        counter("inlet.queue.leases", "Messages delivered (leased or taken)", tags),
        counter("inlet.queue.acks", "Messages acknowledged", tags),
        counter("inlet.queue.nacks", "Messages handed back for a retry", tags),
        counter("inlet.queue.rejects", "Messages rejected by consumers (dead now)", tags),
        counter("inlet.queue.dead.letters", "Messages that became dead (max attempts or reject)", tags)));
  }

  private Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  void delivered(Queue queue, Delivery delivery) {
    counters(queue.tenantId().value(), queue.name()).leases().increment();
    long ageMillis = Duration.between(delivery.enqueuedAt(), OffsetDateTime.now()).toMillis();
    ageAtDelivery.record(Math.max(0, ageMillis), TimeUnit.MILLISECONDS);
  }

  /** Taken with {@code autoAck}: delivered and gone, out of the queue as an ack would take it. */
  void taken(Queue queue, int count) {
    rates.acked(queue.id(), count);
  }

  void deadLettered(Queue queue, int count) {
    counters(queue.tenantId().value(), queue.name()).deadLetters().increment(count);
  }

  void settled(String tenantId, long queueId, String queue, SettleOutcome outcome, String verb) {
    if (outcome == SettleOutcome.STALE_LEASE) {
      staleLeases.increment();
      return;
    }
    if (outcome != SettleOutcome.SETTLED) {
      return;
    }
    QueueCounters counters = counters(tenantId, queue);
    switch (verb) {
      case "ack" -> {
        counters.acks().increment();
        rates.acked(queueId, 1);
      }
      case "nack" -> counters.nacks().increment();
      case "reject" -> {
        counters.rejects().increment();
        counters.deadLetters().increment();
      }
      default -> { }
    }
  }

  void acked(Queue queue, int count) {
    counters(queue.tenantId().value(), queue.name()).acks().increment(count);
    rates.acked(queue.id(), count);
  }

  public void streamOpened() {
    openStreams.incrementAndGet();
  }

  public void streamClosed() {
    openStreams.decrementAndGet();
  }
}
