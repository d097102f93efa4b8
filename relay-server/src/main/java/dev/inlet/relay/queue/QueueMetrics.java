package dev.inlet.relay.queue;

import dev.inlet.relay.store.MessageStore.SettleOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Delivery meters: leases, settlements, dead letters, stale acks, open streams, age at delivery. */
public final class QueueMetrics {
  private final Counter leases;
  private final Counter acks;
  private final Counter nacks;
  private final Counter rejects;
  private final Counter deadLetters;
  private final Counter staleLeases;
  private final Timer ageAtDelivery;
  private final AtomicInteger openStreams = new AtomicInteger();

  public QueueMetrics(MeterRegistry registry) {
    leases = counter(registry, "inlet.queue.leases", "Messages delivered (leased or taken)");
    acks = counter(registry, "inlet.queue.acks", "Messages acknowledged");
    nacks = counter(registry, "inlet.queue.nacks", "Messages handed back for a retry");
    rejects = counter(registry, "inlet.queue.rejects", "Messages rejected by consumers (dead now)");
    deadLetters = counter(registry, "inlet.queue.dead.letters", "Messages that became dead (max attempts or reject)");
    staleLeases = counter(registry, "inlet.queue.stale.leases", "Settle calls refused: the lease was no longer theirs");
    ageAtDelivery = Timer.builder("inlet.queue.delivery.age").description("From enqueue to delivery")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
    registry.gauge("inlet.queue.open.streams", openStreams);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  void delivered(Delivery delivery) {
    leases.increment();
    long ageMillis = Duration.between(delivery.enqueuedAt(), OffsetDateTime.now()).toMillis();
    ageAtDelivery.record(Math.max(0, ageMillis), TimeUnit.MILLISECONDS);
  }

  void deadLettered(int count) {
    deadLetters.increment(count);
  }

  public void settled(SettleOutcome outcome, String verb) {
    if (outcome == SettleOutcome.STALE_LEASE) {
      staleLeases.increment();
      return;
    }
    if (outcome != SettleOutcome.SETTLED) {
      return;
    }
    switch (verb) {
      case "ack" -> acks.increment();
      case "nack" -> nacks.increment();
      case "reject" -> {
        rejects.increment();
        deadLetters.increment();
      }
      default -> { }
    }
  }

  public void acked(int count) {
    acks.increment(count);
  }

  public void streamOpened() {
    openStreams.incrementAndGet();
  }

  public void streamClosed() {
    openStreams.decrementAndGet();
  }
}
