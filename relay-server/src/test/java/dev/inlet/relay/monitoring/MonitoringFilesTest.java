package dev.inlet.relay.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.ingest.EndpointLabels;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.TestQueue;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped monitoring files: the alert rules pass {@code promtool check rules} and their unit
 * tests ({@code promtool test rules}), the Grafana dashboard is valid JSON, and every metric either
 * uses is one a real relay exports. The relay is its own: one endpoint with a label of its own, the
 * rest {@code _other}.
 */
class MonitoringFilesTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of(
      "INLET_METRICS_ENDPOINT_LABELS_MAX", "1", "INLET_METRICS_QUEUE_REFRESH_MS", "200"));
  static final Api api = relay.api();
  private static final Path PROMETHEUS = Path.of("..", "docker", "prometheus");
  private static final Path DASHBOARD = Path.of("..", "docker", "grafana", "inlet-dashboard.json");
  private static final Pattern OUR_METRIC = Pattern.compile("\\b((?:inlet|vertx)_[a-z0-9_]+)\\b");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
    String check = promtool("check", "rules", PROMETHEUS.resolve("alerts.yaml").toString());
    assertThat(check).contains("SUCCESS");
    String tests = promtool("test", "rules", PROMETHEUS.resolve("alerts-test.yaml").toString());
    assertThat(tests).contains("SUCCESS");
    String config = promtool("check", "config", PROMETHEUS.resolve("prometheus.yaml").toString());
    assertThat(config).contains("SUCCESS");
  }

  @Test
  void everyAlertHasItsUnitTest() throws IOException {
    Set<String> alerts = new TreeSet<>(alertExpressions().keySet());
    String tests = Files.readString(PROMETHEUS.resolve("alerts-test.yaml"));
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(8)
        .allSatisfy(alert -> assertThat(tests).as("alerts-test.yaml tests " + alert).contains("alertname: " + alert));
  }

  @Test
  void theDashboardIsJsonAndEveryPanelHasAQuery() throws IOException {
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("inlet-relay");
    assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(10)
        .allSatisfy(panel -> assertThat(panel.path("targets").findValuesAsText("expr")).as(panel.path("title").asText())
            .isNotEmpty());
  }

  @Test
  void everyMetricTheRulesAndTheDashboardUseIsExportedByARealRelay() throws IOException {
    Set<String> exported = exercisedRelayMetrics();
    Set<String> used = new TreeSet<>();
    alertExpressions().values().forEach(expr -> used.addAll(metricsIn(expr)));
    int fromRules = used.size();
    JSON.readTree(DASHBOARD.toFile()).findValuesAsText("expr").forEach(expr -> used.addAll(metricsIn(expr)));
    JSON.readTree(DASHBOARD.toFile()).findValuesAsText("query").forEach(expr -> used.addAll(metricsIn(expr)));
    assertThat(fromRules).isGreaterThanOrEqualTo(7);
    assertThat(used).allSatisfy(metric -> assertThat(exported).as("/metrics exports " + metric).contains(metric));
  }

  @Test
  void perEndpointMetersCarryTenantAndEndpointNameAndEndpointsOverTheLimitAreOther() {
    Api.TenantAccess tenant = relay.newTenant("epmetrics");
    TestQueue first = relay.newQueue(tenant, Map.of());
    TestQueue second = relay.newQueue(tenant, Map.of());
    first.ingestJson("{\"n\":1}");
    second.ingestJson("{\"n\":2}");
    String metrics = api.anonymous().get("/metrics").asString();
    List<String> all = metrics.lines().filter(l -> l.startsWith("inlet_ingest_endpoint_requests_total{")).toList();
    List<String> ours = all.stream().filter(l -> l.contains("tenant=\"" + tenant.id() + "\"")).toList();
    // The limit is 1 across the node: one endpoint (of whichever test came first) keeps its name,
    // every other one is _other of its tenant; an id never shows.
    Set<String> named = all.stream().map(l -> l.replaceAll(".*endpoint=\"([^\"]*)\".*", "$1"))
        .filter(name -> !name.equals(EndpointLabels.OTHER)).collect(Collectors.toSet());
    assertThat(named).hasSize(1);
    assertThat(ours).isNotEmpty().anySatisfy(l -> assertThat(l).contains("endpoint=\"" + EndpointLabels.OTHER + "\""));
    assertThat(ours.stream().mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum())
        .isEqualTo(2);
    assertThat(all).allSatisfy(l -> assertThat(l).doesNotContain("ep_"));
  }

  /** A relay that has ingested, refused a signature, delivered, dead-lettered: its metric names. */
  private static Set<String> exercisedRelayMetrics() {
    Api.TenantAccess tenant = relay.newTenant("monitoring");
    TestQueue queue = relay.newQueue(tenant, Map.of());
    queue.ingestJson("{\"n\":1}");
    String signed = api.as(tenant.adminToken()).body(Map.of("name", RelayExtension.uniqueName("gh"),
        "verification", Map.of("scheme", "github", "secrets", List.of("right")),
        "routes", List.of(Map.of("queue", queue.name)))).post("/v1/endpoints").then().statusCode(201)
        .extract().path("id");
    String body = "{\"n\":2}";
    assertThat(relay.inbound().post(signed, body, Map.of("X-Hub-Signature-256", Signatures.github("wrong", body)))
        .statusCode()).isEqualTo(401);
    var next = api.as(tenant.adminToken()).get("/v1/queues/" + queue.name + "/next");
    String rejectUrl = new JsonObject(next.header("Inlet-Meta")).getString("rejectUrl");
    assertThat(api.as(tenant.adminToken()).body(Map.of("reason", "bad")).post(relay.path(rejectUrl)).statusCode())
        .isEqualTo(204);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Set<String> names = names(api.anonymous().get("/metrics").asString());
    while (!names.contains("inlet_queue_ready_messages") && System.nanoTime() < deadline) {
      sleep();
      names = names(api.anonymous().get("/metrics").asString());
    }
    return names;
  }

  private static Set<String> names(String exposition) {
    return exposition.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> metricsIn(String expr) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = OUR_METRIC.matcher(expr);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> alertExpressions() throws IOException {
    Map<String, Object> rules = new Yaml().load(Files.readString(PROMETHEUS.resolve("alerts.yaml")));
    Map<String, String> byAlert = new java.util.TreeMap<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        byAlert.put((String) rule.get("alert"), (String) rule.get("expr"));
      }
    }
    return byAlert;
  }

  /** Runs Debian's promtool; its output. Missing, the test fails saying what to install. */
  private static String promtool(String... args) throws IOException, InterruptedException {
    Path promtool = Path.of(System.getProperty("inlet.test.promtool", "/usr/bin/promtool"));
    if (!Files.isExecutable(promtool)) {
      fail("promtool not found at " + promtool + ": install Debian's prometheus package "
          + "(apt-get install -y --no-install-recommends prometheus) or pass -Dinlet.test.promtool=/path/to/promtool");
    }
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
    return output;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
