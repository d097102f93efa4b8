package dev.inlet.relay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.testing.RelayProcess;
import dev.inlet.relay.testing.Signatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged relay, at DEBUG, used with every kind of secret — the operator token, a tenant's
 * admin and consumer tokens (as a bearer and as {@code ?access_token=}), an endpoint secret, a
 * provider signature, an inbound credential header, lease tokens, webhook bodies — then its whole
 * log is searched for each of them: none may appear. The log must show the requests were made.
 */
class LogSecretsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  @TempDir Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void noSecretTokenOrBodyReachesTheLog(String format) throws Exception {
    Map<String, String> used = new LinkedHashMap<>();
    String operator = "op-" + UUID.randomUUID() + UUID.randomUUID();
    used.put("operator token", operator);
    String logName = "log-secrets-" + format;
    try (RelayProcess relay = RelayProcess.start(dataDir, RelayProcess.freePort(), logName, Map.of(
        "INLET_OPERATOR_TOKEN", operator, "INLET_LOG_LEVEL", "DEBUG", "INLET_LOG_FORMAT", format))) {
      JsonNode tenant = json(relay.post("/v1/tenants", operator, "{\"name\":\"secrets\"}"), 201);
      String admin = tenant.path("adminToken").asText();
      used.put("admin token", admin);
      relay.post("/v1/queues", admin, "{\"name\":\"orders\"}");
      String ghSecret = "gh-" + UUID.randomUUID();
      used.put("endpoint secret", ghSecret);
      String github = json(relay.post("/v1/endpoints", admin, "{\"name\":\"gh\",\"verification\":{\"scheme\":\"github\","
          + "\"secrets\":[\"" + ghSecret + "\"]},\"routes\":[{\"queue\":\"orders\"}]}"), 201).path("id").asText();
      String bearerSecret = "inbound-" + UUID.randomUUID();
      used.put("inbound credential", bearerSecret);
      String bearer = json(relay.post("/v1/endpoints", admin, "{\"name\":\"bearer\",\"verification\":{\"scheme\":\"bearer\","
          + "\"secrets\":[\"" + bearerSecret + "\"]},\"routes\":[{\"queue\":\"orders\"}]}"), 201).path("id").asText();
      String consumer = json(relay.post("/v1/tokens", admin, "{\"scopes\":[\"consume:orders\"]}"), 201).path("token").asText();
      used.put("consumer token", consumer);

      String body = "{\"card\":\"body-" + UUID.randomUUID() + "\"}";
      used.put("webhook body", body.substring(9, body.length() - 2));
      String signature = Signatures.github(ghSecret, body);
      used.put("signature", signature.substring("sha256=".length()));
      assertThat(inbound(relay, github, body, "X-Hub-Signature-256", signature).statusCode()).isEqualTo(202);
      String forged = "{\"forged\":\"body-" + UUID.randomUUID() + "\"}";
      used.put("refused body", forged.substring(11, forged.length() - 2));
      assertThat(inbound(relay, github, forged, "X-Hub-Signature-256", "sha256=" + "0".repeat(64)).statusCode())
          .isEqualTo(401);
      String second = "{\"second\":\"body-" + UUID.randomUUID() + "\"}";
      used.put("second body", second.substring(11, second.length() - 2));
      assertThat(inbound(relay, bearer, second, "Authorization", "Bearer " + bearerSecret).statusCode()).isEqualTo(202);
      assertThat(inbound(relay, bearer, "{}", "Authorization", "Bearer wrong-" + bearerSecret).statusCode())
          .isEqualTo(401);

      HttpResponse<String> next = relay.get("/v1/queues/orders/next", consumer);
      assertThat(next.statusCode()).isEqualTo(200);
      String ackUrl = JSON.readTree(next.headers().firstValue("Inlet-Meta").orElseThrow()).path("ackUrl").asText();
      used.put("lease token", ackUrl.substring(ackUrl.indexOf("lease=") + 6));
      assertThat(relay.post(URI.create(ackUrl).getRawPath() + "?" + URI.create(ackUrl).getRawQuery(), consumer, "{}")
          .statusCode()).isEqualTo(204);
      JsonNode received = json(relay.post("/v1/queues/orders/receive", consumer, "{\"max\":5}"), 200);
      assertThat(received.size()).isEqualTo(1);
      assertThat(relay.get("/v1/queues/orders", "forged." + consumer).statusCode()).isEqualTo(401);
      // A stream takes its token in the query too (EventSource cannot send headers).
      HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(
          URI.create(relay.baseUrl() + "/v1/queues/orders/stream?access_token=" + consumer)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      try (java.io.InputStream events = stream.body()) {
        assertThat(events.read()).isNotNegative();
      }
      assertThat(relay.get("/v1/events?limit=5", admin).statusCode()).isEqualTo(200);
    }

    String log = Files.readString(RelayProcess.logFile(logName));
    // JSON lines escape '/' as '\/'.
    java.util.function.UnaryOperator<String> written = text -> format.equals("json") ? text.replace("/", "\\/") : text;
    assertThat(log).as("the relay logged its requests").contains(written.apply("/v1/queues/{queue}/next"))
        .contains(written.apply("/in/{endpointId}")).contains(written.apply("/v1/tenants")).contains("Stopped in");
    // A start and a round of requests leave no noise an operator would have to learn to ignore.
    assertThat(log).as("a meter registered twice").doesNotContain("already registered");
    used.forEach((what, secret) -> assertThat(log).as("the log holds the %s", what).doesNotContain(secret)
        .doesNotContain(written.apply(secret)));
  }

  private static HttpResponse<String> inbound(RelayProcess relay, String endpoint, String body, String header,
      String value) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .header("Content-Type", "application/json").header(header, value).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }
}
