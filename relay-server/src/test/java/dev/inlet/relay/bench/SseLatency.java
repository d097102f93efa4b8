package dev.inlet.relay.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end: events ingested open loop at a steady rate while one SSE consumer receives and acks
 * each; latency runs from an event's scheduled send time to its arrival on the stream.
 */
final class SseLatency {
  static final int PREFETCH = 100;
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(10);

  /** {@code expected}: events scheduled in the measured window; {@code ingestFailed}: non-2xx or failed posts. */
  record Result(String name, double rate, long expected, long ingestFailed, SseConsumer.Seen seen) {}

  private SseLatency() {}

  static Result run(String databaseUrl, Payload payload, double rate, Duration warmUp, Duration measured)
      throws Exception {
    try (RelayTarget relay = RelayTarget.start(databaseUrl, Map.of())) {
      return measure(payload, relay.port(), relay.port(), relay.endpointId(), relay.adminToken(), rate, warmUp,
          measured);
    }
  }

  /**
   * Events posted open loop to the relay on {@code ingestPort} while one SSE consumer reads queue
   * {@code bench} from the relay on {@code streamPort} (the same one, or another node).
   */
  static Result measure(Payload payload, int ingestPort, int streamPort, String endpointId, String token, double rate,
      Duration warmUp, Duration measured) throws Exception {
    try (SseConsumer consumer = new SseConsumer(streamPort, token);
         LoadGenerator load = new LoadGenerator(payload, ingestPort, endpointId)) {
      consumer.open(PREFETCH);
      AtomicLong origin = new AtomicLong(Long.MIN_VALUE);
      AtomicLong expected = new AtomicLong();
      PhaseResult ingest = load.openLoop("ingest", rate, warmUp, measured, (eventId, due) -> {
        if (origin.compareAndSet(Long.MIN_VALUE, due)) {
          consumer.countWindow(due + warmUp.toNanos(), due + warmUp.toNanos() + measured.toNanos());
        }
        long since = due - origin.get();
        if (since >= warmUp.toNanos() && since < warmUp.plus(measured).toNanos()) {
          expected.incrementAndGet();
        }
        consumer.scheduled(eventId, due);
      });
      long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
      while (consumer.seen().received() < expected.get() - ingest.failed() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      return new Result("Ingest at " + (long) rate + "/s → one SSE consumer (prefetch " + PREFETCH
          + "), REST ack each", rate, expected.get(), ingest.failed(), consumer.seen());
    }
  }
}
