package dev.inlet.relay.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ingest meters. Tags are scheme and outcome, never the endpoint id: the id is a capability URL and
 * {@code /metrics} is often readable by more people than the endpoints are.
 */
public final class IngestMetrics {
  /** How an inbound request ended. */
  public enum Outcome {
    ACCEPTED, DUPLICATE, UNROUTED, HANDSHAKE, REFUSED, TOO_LARGE, RATE_LIMITED, NOT_FOUND, UNAVAILABLE;

    String tag() {
      return name().toLowerCase();
    }
  }

  private final MeterRegistry registry;
  private final DistributionSummary batchSize;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<Outcome, Timer> latency = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batchSize = DistributionSummary.builder("inlet.ingest.batch.size")
        .description("Events per group-commit batch")
        .publishPercentileHistogram()
        .register(registry);
  }

  public void request(String scheme, Outcome outcome, long startNanos) {
    // Meters are looked up once per tag combination: this runs for every inbound request.
    requests.computeIfAbsent(scheme + "/" + outcome.tag(), k -> Counter.builder("inlet.ingest.requests")
        .description("Inbound webhook requests by outcome")
        .tag("scheme", scheme).tag("outcome", outcome.tag()).register(registry)).increment();
    latency.computeIfAbsent(outcome, o -> Timer.builder("inlet.ingest.latency")
        .description("Time from request to answer")
        .tag("outcome", o.tag())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  public void verificationFailed(String scheme, String reason) {
    Counter.builder("inlet.ingest.verify.failures").description("Signature verification failures")
        .tag("scheme", scheme).tag("reason", reason).register(registry).increment();
  }

  void batch(int size) {
    batchSize.record(size);
  }
}
