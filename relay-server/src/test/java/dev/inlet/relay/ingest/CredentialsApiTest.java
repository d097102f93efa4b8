package dev.inlet.relay.ingest;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An inbound credential (a password, a shared token) is never stored nor handed to a consumer, and a
 * consumer never learns the endpoint's id (the inbound URL is a capability): with both, a
 * {@code consume:} token could forge events into every queue the endpoint routes to.
 */
class CredentialsApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static Api.TenantAccess acme;

  @BeforeAll
  static void start() {
    acme = relay.newTenant("acme");
  }


  @Test
  void bearerBasicAndGitlabCredentialsAreRedactedInTheEventAndTheDelivery() {
    String queue = queue();
    String bearer = endpoint("bearer-in", Map.of("scheme", "bearer", "secrets", List.of("s3cr3t-bearer")), queue);
    String basic = endpoint("basic-in", Map.of("scheme", "basic", "username", "relay", "password", "pw-basic"), queue);
    String gitlab = endpoint("gitlab-in", Map.of("scheme", "gitlab", "secrets", List.of("gl-token")), queue);

    String fromBearer = accepted(inbound.post(bearer, "{\"a\":1}", Map.of("Authorization", "Bearer s3cr3t-bearer",
        "Cookie", "session=abc")));
    String fromBasic = accepted(inbound.post(basic, "{\"a\":2}", Map.of("Authorization",
        "Basic " + Base64.getEncoder().encodeToString("relay:pw-basic".getBytes()))));
    String fromGitlab = accepted(inbound.post(gitlab, "{\"a\":3}", Map.of("X-Gitlab-Token", "gl-token",
        "X-Gitlab-Event", "Push Hook")));

    for (String event : List.of(fromBearer, fromBasic, fromGitlab)) {
      String stored = api.as(acme.adminToken()).get("/v1/events/" + event).asString();
      assertThat(stored).doesNotContain("s3cr3t-bearer", "pw-basic", "cmVsYXk6cHctYmFzaWM", "gl-token", "session=abc");
    }
    Response event = api.as(acme.adminToken()).get("/v1/events/" + fromBearer);
    assertThat(event.<List<String>>path("headers.authorization")).containsExactly("[redacted]");
    assertThat(event.<List<String>>path("headers.cookie")).containsExactly("[redacted]");
    assertThat(api.as(acme.adminToken()).get("/v1/events/" + fromGitlab).<List<String>>path("headers.x-gitlab-event"))
        .containsExactly("Push Hook");

    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + queue));
    Response batch = api.as(consumer).body(Map.of("max", 10)).post("/v1/queues/" + queue + "/receive");
    assertThat(batch.<List<Object>>path("")).hasSize(3);
    assertThat(batch.asString()).doesNotContain("s3cr3t-bearer", "pw-basic", "cmVsYXk6cHctYmFzaWM", "gl-token",
        "session=abc");
  }

  @Test
  void signaturesStayBecauseTheyProveNothingWithoutTheSecret() {
    String queue = queue();
    String github = endpoint("gh-sig", Map.of("scheme", "github", "secrets", List.of("gh-secret")), queue);
    String body = "{\"zen\":\"keep it logically awesome\"}";
    String signature = Signatures.github("gh-secret", body);
    String event = accepted(inbound.post(github, body, Map.of("X-Hub-Signature-256", signature,
        "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-GitHub-Event", "ping")));
    assertThat(api.as(acme.adminToken()).get("/v1/events/" + event).<List<String>>path("headers.x-hub-signature-256"))
        .containsExactly(signature);
  }

  @Test
  void onlyAdminTokensSeeTheEndpointIdEveryConsumerSeesItsName() {
    String queue = queue();
    String endpoint = endpoint("shop-events", Map.of("scheme", "none"), queue);
    accepted(inbound.post(endpoint, "{\"n\":1}", Map.of()));
    accepted(inbound.post(endpoint, "{\"n\":2}", Map.of()));

    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + queue));
    Response next = api.as(consumer).get("/v1/queues/" + queue + "/next");
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    assertThat(meta.getString("endpoint")).startsWith("shop-events-");
    assertThat(meta.containsKey("endpointId")).isFalse();
    assertThat(next.asString() + next.headers().toString()).doesNotContain(endpoint);

    Response asAdmin = api.as(acme.adminToken()).queryParam("format", "envelope").get("/v1/queues/" + queue + "/next");
    assertThat(asAdmin.<String>path("meta.endpoint")).isEqualTo(meta.getString("endpoint"));
    assertThat(asAdmin.<String>path("meta.endpointId")).isEqualTo(endpoint);
  }

  @Test
  void bodyHashDedupeRefusesAReplayWithAFreshDeliveryId() {
    String queue = queue();
    String plain = endpoint("gh-plain", Map.of("scheme", "github", "secrets", List.of("gh-secret")), queue);
    String hashed = api.as(acme.adminToken()).body(Map.of("name", "gh-hashed",
            "verification", Map.of("scheme", "github", "secrets", List.of("gh-secret")),
            "dedupe", Map.of("bodyHash", true), "routes", List.of(Map.of("queue", queue))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    assertThat(api.as(acme.adminToken()).get("/v1/endpoints/" + hashed).<Boolean>path("dedupe.bodyHash")).isTrue();
    String body = "{\"ref\":\"refs/heads/main\"}";

    for (String endpoint : List.of(plain, hashed)) {
      HttpResponse<String> first = githubPost(endpoint, body);
      HttpResponse<String> replay = githubPost(endpoint, body);
      assertThat(first.statusCode()).isEqualTo(202);
      if (endpoint.equals(plain)) {
        assertThat(replay.statusCode()).as("a fresh delivery id is a new event").isEqualTo(202);
      } else {
        assertThat(replay.statusCode()).as("the same body inside the window").isEqualTo(200);
        assertThat(new JsonObject(replay.body()).getBoolean("duplicate")).isTrue();
      }
    }
  }

  @Test
  void aDedupeRuleNamesExactlyOneSource() {
    assertProblem(api.as(acme.adminToken()).body(Map.of("name", "two-sources",
            "verification", Map.of("scheme", "none"), "dedupe", Map.of("bodyHash", true, "header", "X-Id")))
        .post("/v1/endpoints"), 400, "validation");
  }

  private HttpResponse<String> githubPost(String endpoint, String body) {
    return inbound.post(endpoint, body, Map.of("X-Hub-Signature-256", Signatures.github("gh-secret", body),
        "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-GitHub-Event", "push"));
  }

  private static String accepted(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new JsonObject(response.body()).getString("eventId");
  }

  private static String queue() {
    String name = "q" + UUID.randomUUID().toString().substring(0, 8);
    api.createQueue(acme.adminToken(), name);
    return name;
  }

  private static String endpoint(String name, Map<String, Object> verification, String queue) {
    return api.as(acme.adminToken()).body(Map.of("name", name + "-" + UUID.randomUUID().toString().substring(0, 6),
            "verification", verification, "routes", List.of(Map.of("queue", queue))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }
}
