package dev.inlet.relay.ingest;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InboundApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void signedGithubDeliveryIsStoredExactlyAndQueued() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "github", "secrets", List.of("gh-secret")), queue);
    String body = "{\"action\":\"opened\",\"number\":7}";
    HttpResponse<String> response = inbound.post(endpoint, body, Map.of(
        "X-Hub-Signature-256", Signatures.github("gh-secret", body), "X-GitHub-Delivery", UUID.randomUUID().toString(),
        "X-GitHub-Event", "pull_request"));

    assertThat(response.statusCode()).isEqualTo(202);
    String eventId = json(response).getString("eventId");
    assertThat(eventId).matches("evt_[0-9A-Za-z]{22}");
    Response event = api.as(acme.adminToken()).get("/v1/events/" + eventId);
    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(event.<String>path("method")).isEqualTo("POST");
    assertThat(event.<String>path("endpointId")).isEqualTo(endpoint);
    assertThat(event.<List<String>>path("headers.x-github-event")).containsExactly("pull_request");
    assertThat(event.<Integer>path("body.number")).isEqualTo(7);
    assertThat(event.<String>path("type")).isEqualTo("pull_request.opened");
    assertThat(ready(queue)).isEqualTo(1);
  }

  @Test
  void nonJsonBodyBytesAreKeptByteForByte() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "none"), queue);
    byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 'a', '\n'};
    HttpResponse<String> response = inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build()).join();
    assertThat(response.statusCode()).isEqualTo(202);
    Response event = api.as(acme.adminToken()).get("/v1/events/" + json(response).getString("eventId"));
    assertThat(event.<String>path("bodyEncoding")).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(event.<String>path("body"))).isEqualTo(bytes);
    assertThat(event.<String>path("type")).isNull();
  }

  @Test
  void badSignaturesAreRefusedWithAReasonAndStoreNothing() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "github", "secrets", List.of("right")), queue);
    String body = "{\"n\":1}";
    assertRefused(inbound.post(endpoint, body + " ", Map.of("X-Hub-Signature-256", Signatures.github("right", body))),
        "signature mismatch");
    assertRefused(inbound.post(endpoint, body, Map.of("X-Hub-Signature-256", Signatures.github("wrong", body))),
        "signature mismatch");
    assertRefused(inbound.post(endpoint, body, Map.of()), "missing header");
    assertThat(ready(queue)).isZero();
    assertThat(api.anonymous().get("/metrics").asString())
        .contains("inlet_ingest_verify_failures_total{reason=\"signature_mismatch\",scheme=\"github\"}");
  }

  @Test
  void stripeChecksTheTimestampAndAcceptsEveryActiveSecret() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "stripe", "secrets", List.of("whsec_old", "whsec_new")), queue);
    long now = Instant.now().getEpochSecond();
    String first = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
    String second = "{\"id\":\"evt_2\",\"type\":\"invoice.paid\"}";
    assertThat(inbound.post(endpoint, first, Map.of("Stripe-Signature", Signatures.stripe("whsec_old", now, first)))
        .statusCode()).isEqualTo(202);
    assertThat(inbound.post(endpoint, second, Map.of("Stripe-Signature", Signatures.stripe("whsec_new", now, second)))
        .statusCode()).isEqualTo(202);
    String stale = "{\"id\":\"evt_3\"}";
    assertRefused(inbound.post(endpoint, stale, Map.of("Stripe-Signature", Signatures.stripe("whsec_new", now - 600, stale))),
        "timestamp outside tolerance");
    assertThat(ready(queue)).isEqualTo(2);
  }

  @Test
  void standardWebhooksAndSvixHeadersAreBothAccepted() {
    String queue = newQueue();
    String secret = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    String endpoint = endpoint(Map.of("scheme", "standard-webhooks", "secrets", List.of(secret)), queue);
    long now = Instant.now().getEpochSecond();
    String body = "{\"type\":\"user.created\"}";
    assertThat(inbound.post(endpoint, body, Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(now),
        "webhook-signature", Signatures.standardWebhooks(secret, "msg_1", now, body))).statusCode()).isEqualTo(202);
    assertThat(inbound.post(endpoint, body, Map.of("svix-id", "msg_2", "svix-timestamp", Long.toString(now),
        "svix-signature", Signatures.standardWebhooks(secret, "msg_2", now, body))).statusCode()).isEqualTo(202);
    assertThat(ready(queue)).isEqualTo(2);
  }

  @Test
  void slackUrlVerificationIsAnsweredAfterItsSignatureAndNeverQueued() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "slack", "secrets", List.of("slack-secret")), queue);
    long now = Instant.now().getEpochSecond();
    String body = "{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}";
    HttpResponse<String> answer = inbound.post(endpoint, body, Map.of("X-Slack-Request-Timestamp", Long.toString(now),
        "X-Slack-Signature", Signatures.slack("slack-secret", now, body)));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    assertRefused(inbound.post(endpoint, body, Map.of("X-Slack-Request-Timestamp", Long.toString(now),
        "X-Slack-Signature", Signatures.slack("not-it", now, body))), "signature mismatch");
    assertThat(ready(queue)).isZero();
  }

  @Test
  void metaSubscriptionHandshakeNeedsTheConfiguredVerifyToken() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "hmac", "header", "X-Hub-Signature-256", "prefix", "sha256=",
        "secrets", List.of("app-secret"), "verifyToken", "my-verify-token"), queue);
    String base = relay.baseUrl() + "/in/" + endpoint + "?hub.mode=subscribe&hub.challenge=1158201444";
    HttpResponse<String> ok = inbound.send(HttpRequest.newBuilder(URI.create(base + "&hub.verify_token=my-verify-token"))
        .GET().build()).join();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");
    HttpResponse<String> wrong = inbound.send(HttpRequest.newBuilder(URI.create(base + "&hub.verify_token=guess"))
        .GET().build()).join();
    assertThat(wrong.statusCode()).isEqualTo(403);
    HttpResponse<String> plainGet = inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .GET().build()).join();
    assertThat(plainGet.statusCode()).isEqualTo(405);
    assertThat(ready(queue)).isZero();
  }

  @Test
  void microsoftGraphValidationTokenIsEchoedAndNotQueued() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "none"), queue);
    HttpResponse<String> answer = inbound.send(HttpRequest.newBuilder(
            URI.create(relay.baseUrl() + "/in/" + endpoint + "?validationToken=Validation%3A%20Token"))
        .POST(HttpRequest.BodyPublishers.noBody()).build()).join();
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
    assertThat(answer.body()).isEqualTo("Validation: Token");
    assertThat(ready(queue)).isZero();
  }

  @Test
  void duplicateDeliveryAnswersWithTheFirstEventAndQueuesNothingMore() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "github", "secrets", List.of("s")), queue);
    String body = "{\"zen\":\"Keep it logically awesome.\"}";
    Map<String, String> headers = Map.of("X-Hub-Signature-256", Signatures.github("s", body),
        "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    HttpResponse<String> first = inbound.post(endpoint, body, headers);
    HttpResponse<String> again = inbound.post(endpoint, body, headers);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).getString("eventId")).isEqualTo(json(first).getString("eventId"));
    assertThat(json(again).getBoolean("duplicate")).isTrue();
    assertThat(ready(queue)).isEqualTo(1);
  }

  @Test
  void concurrentCopiesOfOneEventAreQueuedOnce() {
    String queue = newQueue();
    String endpoint = endpointWith(Map.of("verification", Map.of("scheme", "none"), "dedupe", Map.of("header", "X-Event-Id")),
        queue);
    List<HttpResponse<String>> answers = inbound.postConcurrently(25, endpoint, "{\"same\":true}",
        Map.of("X-Event-Id", "evt-race-1"));
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 202);
    assertThat(answers.stream().filter(a -> a.statusCode() == 202)).hasSize(1);
    assertThat(answers.stream().map(a -> json(a).getString("eventId")).distinct()).hasSize(1);
    assertThat(ready(queue)).isEqualTo(1);
  }

  @Test
  void concurrentCopiesOnTwoRelayNodesAreQueuedOnce() {
    String queue = newQueue();
    String endpoint = endpointWith(Map.of("verification", Map.of("scheme", "none"), "dedupe", Map.of("jsonPointer", "/id")),
        queue);
    try (TestRelay other = relay.startNode()) {
      Inbound otherInbound = new Inbound(other.baseUrl());
      var here = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> inbound.postConcurrently(10, endpoint, "{\"id\":\"two-nodes\"}", Map.of()));
      var there = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> otherInbound.postConcurrently(10, endpoint, "{\"id\":\"two-nodes\"}", Map.of()));
      List<HttpResponse<String>> answers = new java.util.ArrayList<>(here.join());
      answers.addAll(there.join());
      assertThat(answers.stream().filter(a -> a.statusCode() == 202)).hasSize(1);
      assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(19);
    }
    assertThat(ready(queue)).isEqualTo(1);
  }

  @Test
  void withoutAProviderIdTheBodyHashIsTheDedupeKey() {
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "none"), queue);
    assertThat(inbound.post(endpoint, "{\"a\":1}", Map.of()).statusCode()).isEqualTo(202);
    assertThat(inbound.post(endpoint, "{\"a\":1}", Map.of()).statusCode()).isEqualTo(200);
    assertThat(inbound.post(endpoint, "{\"a\":2}", Map.of()).statusCode()).isEqualTo(202);
    assertThat(ready(queue)).isEqualTo(2);
  }

  @Test
  void bodiesOverTheEndpointLimitAreRefusedWhetherDeclaredOrChunked() {
    String queue = newQueue();
    String endpoint = endpointWith(Map.of("verification", Map.of("scheme", "none"), "maxBodyBytes", 1000), queue);
    String tooBig = "x".repeat(1001);
    HttpResponse<String> declared = inbound.post(endpoint, tooBig, Map.of("Content-Type", "text/plain"));
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.headers().firstValue("Content-Type")).contains("application/problem+json");
    HttpResponse<String> chunked = inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooBig.getBytes())))
        .build()).join();
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(inbound.post(endpoint, "y".repeat(1000), Map.of("Content-Type", "text/plain")).statusCode())
        .isEqualTo(202);
    assertThat(ready(queue)).isEqualTo(1);
  }

  @Test
  void unknownMalformedAndDisabledEndpointsAreNotFound() {
    assertThat(inbound.post("ep_0000000000000000000000", "{}", Map.of()).statusCode()).isEqualTo(404);
    assertThat(inbound.post("nonsense", "{}", Map.of()).statusCode()).isEqualTo(404);
    String queue = newQueue();
    String endpoint = endpoint(Map.of("scheme", "none"), queue);
    assertThat(inbound.post(endpoint, "{\"before\":1}", Map.of()).statusCode()).isEqualTo(202);
    api.as(acme.adminToken()).body(Map.of("enabled", false)).patch("/v1/endpoints/" + endpoint).then().statusCode(200);
    HttpResponse<String> disabled = inbound.post(endpoint, "{\"after\":1}", Map.of());
    assertThat(disabled.statusCode()).isEqualTo(404);
    assertThat(disabled.body()).contains("urn:inlet:problem:not-found").doesNotContain(endpoint);
    assertThat(ready(queue)).isEqualTo(1);
  }

  @Test
  void routeFiltersSendEachEventOnlyWhereItMatches() {
    String all = newQueue();
    String invoices = newQueue();
    String pushes = newQueue();
    Map<String, Object> spec = Map.of("name", "filtered-" + UUID.randomUUID().toString().substring(0, 8),
        "verification", Map.of("scheme", "none"),
        "routes", List.of(Map.of("queue", all),
            Map.of("queue", invoices, "filter", Map.of("jsonPointer", "/type", "equals", "invoice.paid")),
            Map.of("queue", pushes, "filter", Map.of("header", "X-GitHub-Event", "equals", "push"))));
    String endpoint = api.as(acme.adminToken()).body(spec).post("/v1/endpoints").then().statusCode(201).extract().path("id");
    inbound.post(endpoint, "{\"type\":\"invoice.paid\",\"n\":1}", Map.of());
    inbound.post(endpoint, "{\"type\":\"invoice.created\",\"n\":2}", Map.of("X-GitHub-Event", "push"));
    inbound.post(endpoint, "{\"type\":\"other\",\"n\":3}", Map.of("X-GitHub-Event", "issues"));
    assertThat(ready(all)).isEqualTo(3);
    assertThat(ready(invoices)).isEqualTo(1);
    assertThat(ready(pushes)).isEqualTo(1);
  }

  @Test
  void anEventNoRouteMatchesIsStoredButNotQueued() {
    String queue = newQueue();
    Map<String, Object> spec = Map.of("name", "unmatched-" + UUID.randomUUID().toString().substring(0, 8),
        "verification", Map.of("scheme", "none"),
        "routes", List.of(Map.of("queue", queue, "filter", Map.of("jsonPointer", "/type", "equals", "wanted"))));
    String endpoint = api.as(acme.adminToken()).body(spec).post("/v1/endpoints").then().statusCode(201).extract().path("id");
    HttpResponse<String> response = inbound.post(endpoint, "{\"type\":\"unwanted\"}", Map.of());
    assertThat(response.statusCode()).isEqualTo(202);
    api.as(acme.adminToken()).get("/v1/events/" + json(response).getString("eventId")).then().statusCode(200);
    assertThat(ready(queue)).isZero();
  }

  @Test
  void aTenantOverItsIngestRateIsToldWhenToRetry() {
    Response created = api.asOperator().body(Map.of("name", RelayExtension.uniqueName("slow-tenant"), "ingestRatePerSecond", 2)).post("/v1/tenants");
    String token = created.then().statusCode(201).extract().path("adminToken");
    api.createQueue(token, "q");
    String endpoint = api.createEndpoint(token, "limited", "q");
    int limited = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> response = inbound.post(endpoint, "{\"i\":" + i + "}", Map.of());
      if (response.statusCode() == 429) {
        limited++;
        last = response;
      }
    }
    assertThat(limited).isGreaterThanOrEqualTo(3);
    assertThat(last.headers().firstValue("Retry-After")).get().satisfies(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(last.body()).contains("urn:inlet:problem:rate-limited");
  }

  @Test
  void aRefusedRequestWithASmallBodyLeavesTheConnectionUsable() throws Exception {
    String endpoint = endpoint(Map.of("scheme", "none"), newQueue());
    // Up to 64 KiB a refused body is read and dropped (a larger one closes the connection: EdgeTest).
    String big = "{\"pad\":\"" + "x".repeat(60_000) + "\"}";
    // One keep-alive connection: the unknown endpoint's unread body must not block what follows.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", relay.port())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.ISO_8859_1));
      out.write(("POST /in/ep_0000000000000000000000 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + big.length() + "\r\n\r\n" + big).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(in.readLine()).startsWith("HTTP/1.1 404");
      skipResponse(in);
      String small = "{\"after\":1}";
      out.write(("POST /in/" + endpoint + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + small.length() + "\r\n\r\n" + small).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(in.readLine()).startsWith("HTTP/1.1 202");
    }
  }

  /** Reads past one response's headers and its Content-Length body. */
  private static void skipResponse(java.io.BufferedReader in) throws java.io.IOException {
    int length = 0;
    String line;
    while (!(line = in.readLine()).isEmpty()) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read();
    }
  }

  @Test
  void otherMethodsAreNotAllowed() {
    String endpoint = endpoint(Map.of("scheme", "none"), newQueue());
    HttpResponse<String> delete = inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .DELETE().build()).join();
    assertThat(delete.statusCode()).isEqualTo(405);
  }

  @Test
  void anotherTenantsEventIsNotFound() {
    String endpoint = endpoint(Map.of("scheme", "none"), newQueue());
    String eventId = json(inbound.post(endpoint, "{\"private\":true}", Map.of())).getString("eventId");
    Api.TenantAccess other = relay.newTenant("event-snoop");
    assertProblem(api.as(other.adminToken()).get("/v1/events/" + eventId), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).get("/v1/events/evt_nope"), 404, "not-found");
  }

  private static void assertRefused(HttpResponse<String> response, String reason) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(response).getString("detail")).isEqualTo(reason);
  }

  private static io.vertx.core.json.JsonObject json(HttpResponse<String> response) {
    return new io.vertx.core.json.JsonObject(response.body());
  }

  private static String newQueue() {
    String name = "q-" + UUID.randomUUID().toString().substring(0, 8);
    api.createQueue(acme.adminToken(), name);
    return name;
  }

  private static String endpoint(Map<String, Object> verification, String queue) {
    return endpointWith(Map.of("verification", verification), queue);
  }

  private static String endpointWith(Map<String, Object> fields, String queue) {
    Map<String, Object> spec = new HashMap<>(fields);
    spec.put("name", "ep-" + UUID.randomUUID().toString().substring(0, 8));
    spec.put("routes", List.of(Map.of("queue", queue)));
    return api.as(acme.adminToken()).body(spec).post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }

  private static int ready(String queue) {
    return api.as(acme.adminToken()).get("/v1/queues/" + queue).then().statusCode(200).extract().path("stats.ready");
  }
}
