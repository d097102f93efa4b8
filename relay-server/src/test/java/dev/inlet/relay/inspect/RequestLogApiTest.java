package dev.inlet.relay.inspect;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.Signatures;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request log: every request to a known endpoint, refused ones with their precise reason. */
class RequestLogApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static final Api.TenantAccess other = relay.newTenant("other");

  @Test
  void aBadSignatureIsLoggedWithItsReasonRedactedHeadersAndTheStartOfItsBody() {
    String endpoint = endpoint(Map.of("scheme", "github", "secrets", List.of("right")));
    String body = "{\"n\":1}";
    int status = inbound.post(endpoint, body, Map.of("X-Hub-Signature-256", Signatures.github("wrong", body),
        "Authorization", "Bearer not-for-logs", "X-Trace", "t-1")).statusCode();
    assertThat(status).isEqualTo(401);

    Response refused = awaitRequests(endpoint, "refused", 1);
    assertThat(refused.<String>path("items[0].outcome")).isEqualTo("refused");
    assertThat(refused.<String>path("items[0].reason")).isEqualTo("signature_mismatch");
    assertThat(refused.<String>path("items[0].eventId")).isNull();
    assertThat(refused.<String>path("items[0].method")).isEqualTo("POST");
    assertThat(refused.<String>path("items[0].sourceAddress")).isEqualTo("127.0.0.1");
    assertThat(refused.<Integer>path("items[0].bodySize")).isEqualTo(body.length());
    assertThat(refused.<List<String>>path("items[0].headers.authorization")).containsExactly("[redacted]");
    assertThat(refused.<List<String>>path("items[0].headers.x-trace")).containsExactly("t-1");
    assertThat(refused.asString()).doesNotContain("not-for-logs");
    assertThat(new String(Base64.getDecoder().decode(refused.<String>path("items[0].bodyPreviewBase64")),
        StandardCharsets.UTF_8)).isEqualTo(body);
  }

  @Test
  void aStaleTimestampSaysSoAndAMissingSignatureToo() {
    String endpoint = endpoint(Map.of("scheme", "stripe", "secrets", List.of("whsec_k")));
    String body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
    long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
    assertThat(inbound.post(endpoint, body, Map.of("Stripe-Signature", Signatures.stripe("whsec_k", tenMinutesAgo,
        body))).statusCode()).isEqualTo(401);
    assertThat(inbound.post(endpoint, body, Map.of()).statusCode()).isEqualTo(401);

    Response refused = awaitRequests(endpoint, "refused", 2);
    assertThat(refused.<List<String>>path("items.reason"))
        .containsExactly("missing_signature", "timestamp_outside_tolerance");
  }

  @Test
  void acceptedAndDuplicateRequestsNameTheirEventAndCountInTheStats() {
    String queue = RelayExtension.uniqueName("q");
    api.createQueue(acme.adminToken(), queue);
    String endpoint = endpoint(Map.of("scheme", "github", "secrets", List.of("s")), queue);
    String body = "{\"action\":\"opened\"}";
    Map<String, String> headers = Map.of("X-Hub-Signature-256", Signatures.github("s", body),
        "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-GitHub-Event", "issues");
    String eventId = json(inbound.post(endpoint, body, headers)).getString("eventId");
    assertThat(inbound.post(endpoint, body, headers).statusCode()).isEqualTo(200);
    assertThat(inbound.post(endpoint, body, Map.of("X-Hub-Signature-256", "sha256=00")).statusCode()).isEqualTo(401);

    Response all = awaitRequests(endpoint, null, 3);
    assertThat(all.<List<String>>path("items.outcome")).containsExactly("refused", "duplicate", "accepted");
    assertThat(all.<String>path("items[1].eventId")).isEqualTo(eventId);
    assertThat(all.<String>path("items[2].eventId")).isEqualTo(eventId);
    assertThat(all.<String>path("items[2].type")).isEqualTo("issues.opened");
    assertThat(all.<List<String>>path("items[2].headers.x-github-event")).containsExactly("issues");
    assertThat(all.<List<String>>path("items[1].headers.x-github-event")).containsExactly("issues");
    assertThat(all.<Object>path("items[2].bodyPreviewBase64")).isNull();
    assertThat(all.<Integer>path("items[2].bodySize")).isEqualTo(body.length());

    Response accepted = api.as(acme.adminToken()).queryParam("outcome", "accepted")
        .get("/v1/endpoints/" + endpoint + "/requests");
    assertThat(accepted.<List<String>>path("items.outcome")).containsExactly("accepted");

    Response stats = api.as(acme.adminToken()).get("/v1/endpoints/" + endpoint + "/requests/stats");
    assertThat(stats.statusCode()).isEqualTo(200);
    assertThat(stats.<Integer>path("windowSeconds")).isEqualTo(3600);
    assertThat(stats.<Integer>path("accepted")).isEqualTo(1);
    assertThat(stats.<Integer>path("duplicate")).isEqualTo(1);
    assertThat(stats.<Integer>path("refused")).isEqualTo(1);
    assertThat(stats.<Integer>path("byReason.signature_mismatch")).isEqualTo(1);
    assertThat(stats.<Integer>path("perMinute[-1].accepted")).isBetween(0, 1);
    assertThat(stats.<List<Integer>>path("perMinute.refused").stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    assertThat(stats.<Integer>path("dropped")).isZero();
    assertThat(stats.<Integer>path("maxRefusedKept")).isEqualTo(10_000);
  }

  @Test
  void pagesGoNewestFirstAndACursorKeepsItsPlace() {
    String endpoint = endpoint(Map.of("scheme", "github", "secrets", List.of("s")));
    for (int i = 0; i < 5; i++) {
      inbound.post(endpoint, "{\"i\":" + i + "}", Map.of("X-Hub-Signature-256", "sha256=00"));
    }
    awaitRequests(endpoint, "refused", 5);
    Response first = api.as(acme.adminToken()).queryParam("limit", 2).get("/v1/endpoints/" + endpoint + "/requests");
    assertThat(previews(first)).containsExactly("{\"i\":4}", "{\"i\":3}");
    inbound.post(endpoint, "{\"i\":5}", Map.of("X-Hub-Signature-256", "sha256=00"));
    awaitRequests(endpoint, "refused", 6);
    Response second = api.as(acme.adminToken()).queryParam("limit", 2).queryParam("cursor", first.<String>path("nextCursor"))
        .get("/v1/endpoints/" + endpoint + "/requests");
    assertThat(previews(second)).containsExactly("{\"i\":2}", "{\"i\":1}");
    Response third = api.as(acme.adminToken()).queryParam("limit", 2).queryParam("cursor", second.<String>path("nextCursor"))
        .get("/v1/endpoints/" + endpoint + "/requests");
    assertThat(previews(third)).containsExactly("{\"i\":0}");
    assertThat(third.<String>path("nextCursor")).isNull();
  }

  @Test
  void badQueriesAreProblemsAndAnotherTenantsEndpointIsNotFound() {
    String endpoint = endpoint(Map.of("scheme", "none"));
    String path = "/v1/endpoints/" + endpoint + "/requests";
    assertProblem(api.as(acme.adminToken()).queryParam("cursor", "bm90LWEtY3Vyc29y").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("cursor", "%%%").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("from", "2026-02-01T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("from", "2016-01-01T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("from", "yesterday").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("outcome", "lost").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).queryParam("window", 10).get(path + "/stats"), 400, "validation");
    assertProblem(api.as(other.adminToken()).get(path), 404, "not-found");
    assertProblem(api.as(other.adminToken()).get(path + "/stats"), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).get("/v1/endpoints/ep_nope/requests"), 404, "not-found");
  }

  private static List<String> previews(Response page) {
    return page.<List<String>>path("items.bodyPreviewBase64").stream()
        .map(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8)).toList();
  }

  /** Refused rows are written in batches: waits until {@code count} are there. */
  static Response awaitRequests(String endpoint, String outcome, int count) {
    Response[] last = new Response[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      var request = api.as(acme.adminToken()).queryParam("limit", 100);
      if (outcome != null) {
        request = request.queryParam("outcome", outcome);
      }
      last[0] = request.get("/v1/endpoints/" + endpoint + "/requests");
      return last[0].statusCode() == 200 && last[0].<List<Object>>path("items").size() >= count;
    });
    assertThat(last[0].<List<Object>>path("items")).hasSize(count);
    return last[0];
  }

  private static String endpoint(Map<String, Object> verification, String... queues) {
    List<Map<String, String>> routes = java.util.Arrays.stream(queues).map(q -> Map.of("queue", q)).toList();
    return api.as(acme.adminToken()).body(Map.of("name", RelayExtension.uniqueName("ep"), "verification",
        verification, "routes", routes)).post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }

  private static io.vertx.core.json.JsonObject json(java.net.http.HttpResponse<String> response) {
    return new io.vertx.core.json.JsonObject(response.body());
  }
}
