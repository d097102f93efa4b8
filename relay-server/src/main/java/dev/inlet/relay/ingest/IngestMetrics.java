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
 * {@code /metrics} is often readable by more people than the endpoints are. Per-endpoint meters
 * carry the tenant id and the endpoint's name instead, behind {@link EndpointLabels}' limit.
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
  private final EndpointLabels endpointLabels;
  private final Map<String, Counter> byEndpoint = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry, EndpointLabels endpointLabels) {
    this.registry = registry;
    this.endpointLabels = endpointLabels;
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

  /** A request to a known endpoint: counted by scheme and outcome, and by tenant, endpoint and outcome. */
  public void request(IngestEndpoint endpoint, Outcome outcome, long startNanos) {
    request(endpoint.scheme(), outcome, startNanos);
    endpointCounter("inlet.ingest.endpoint.requests", "Inbound webhook requests by endpoint and outcome",
        endpoint, "outcome", outcome.tag()).increment();
  }

  public void verificationFailed(IngestEndpoint endpoint, String reason) {
    Counter.builder("inlet.ingest.verify.failures").description("Signature verification failures")
        .tag("scheme", endpoint.scheme()).tag("reason", reason).register(registry).increment();
    endpointCounter("inlet.ingest.endpoint.verify.failures", "Signature verification failures by endpoint",
        endpoint, "reason", reason).increment();
  }

  private Counter endpointCounter(String name, String description, IngestEndpoint endpoint, String key, String value) {
    String tenant = endpoint.tenantId().value();
    String label = endpointLabels.label(endpoint);
    return byEndpoint.computeIfAbsent(name + '\n' + tenant + '\n' + label + '\n' + value,
        k -> Counter.builder(name).description(description)
            .tag("tenant", tenant).tag("endpoint", label).tag(key, value).register(registry));
  }

  void batch(int size) {
    batchSize.record(size);
  }
}
