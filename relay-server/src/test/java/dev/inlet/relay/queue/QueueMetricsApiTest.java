package dev.inlet.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-queue meters with tenant and queue labels, and the guard that folds queues over
 * {@code INLET_METRICS_QUEUE_LABELS_MAX} into {@code queue="_other"}. The relay is its own, with a
 * limit of 2 and gauges refreshed every 200 ms.
 */
class QueueMetricsApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of(
      "INLET_METRICS_QUEUE_LABELS_MAX", "2", "INLET_METRICS_QUEUE_REFRESH_MS", "200"));
  static final Api api = relay.api();
  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private record Sample(String name, Map<String, String> labels, double value) {}

  @Test
  void perQueueMetersCarryTenantAndQueueAndQueuesOverTheLimitAreOther() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("metrics");
    List<TestQueue> queues = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestQueue queue = relay.newQueue(tenant, Map.of());
      // Bodies differ: the same body twice is a duplicate.
      queue.ingestJson("{\"i\":" + i + ",\"copy\":1}");
      queue.ingestJson("{\"i\":" + i + ",\"copy\":2}");
      queues.add(queue);
    }
    // Lease and ack one of the first queue's two messages.
    var next = api.as(tenant.adminToken()).get("/v1/queues/" + queues.get(0).name + "/next");
    String ackUrl = new JsonObject(next.header("Inlet-Meta")).getString("ackUrl");
    assertThat(api.as(tenant.adminToken()).post(relay.path(ackUrl)).statusCode()).isEqualTo(204);

    // Gauges come from a periodic query: wait (bounded) until it has seen all six messages.
    List<Sample> ready = awaitSamples("inlet_queue_ready_messages", tenant.id(),
        samples -> samples.stream().mapToDouble(Sample::value).sum() == 5);
    assertThat(ready.stream().mapToDouble(Sample::value).sum()).as("%s", ready).isEqualTo(5);
    List<String> labels = ready.stream().map(s -> s.labels().get("queue")).toList();
    // No more than two queues of their own across the node (the limit), the rest together as _other.
    assertThat(labels).contains(QueueLabels.OTHER);
    assertThat(labels.stream().filter(l -> !l.equals(QueueLabels.OTHER)).count()).isLessThanOrEqualTo(2);
    double other = ready.stream().filter(s -> s.labels().get("queue").equals(QueueLabels.OTHER))
        .mapToDouble(Sample::value).sum();
    assertThat(other).isGreaterThanOrEqualTo(1);

    for (String gauge : List.of("inlet_queue_leased_messages", "inlet_queue_dead_messages",
        "inlet_queue_oldest_ready_age_seconds", "inlet_queue_paused")) {
      assertThat(samples(gauge, tenant.id())).as(gauge).isNotEmpty()
          .allSatisfy(s -> assertThat(s.labels()).containsKeys("tenant", "queue"));
    }
    assertThat(samples("inlet_queue_oldest_ready_age_seconds", tenant.id()))
        .allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
    List<Sample> acks = samples("inlet_queue_acks_total", tenant.id());
    assertThat(acks.stream().mapToDouble(Sample::value).sum()).isEqualTo(1);
    assertThat(samples("inlet_queue_leases_total", tenant.id()).stream().mapToDouble(Sample::value).sum())
        .isEqualTo(1);
  }

  private static List<Sample> awaitSamples(String name, String tenantId, Predicate<List<Sample>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<Sample> found = samples(name, tenantId);
    while (!done.test(found) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      found = samples(name, tenantId);
    }
    return found;
  }

  /** The samples of one meter for one tenant, from {@code /metrics}. */
  private static List<Sample> samples(String name, String tenantId) {
    List<Sample> samples = new ArrayList<>();
    for (String line : api.anonymous().get("/metrics").asString().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher label = LABEL.matcher(sample.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      if (tenantId.equals(labels.get("tenant"))) {
        samples.add(new Sample(name, labels, Double.parseDouble(sample.group(3))));
      }
    }
    return samples;
  }
}
