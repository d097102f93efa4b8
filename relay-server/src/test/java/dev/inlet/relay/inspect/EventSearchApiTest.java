package dev.inlet.relay.inspect;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/events: search newest first with a stable cursor; one event's exact bytes and deliveries. */
class EventSearchApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static final Api.TenantAccess other = relay.newTenant("other");

  @Test
  void filtersByEndpointQueueTypeTimeAndOutcome() {
    Api.TenantAccess tenant = relay.newTenant("search");
    String orders = queue(tenant);
    String audit = queue(tenant);
    String stripe = endpoint(tenant, "github", orders, audit);
    String github = endpoint(tenant, "github", audit);
    String paid = postGithub(stripe, "invoice", "{\"action\":\"paid\",\"n\":1}");
    String failed = postGithub(stripe, "invoice", "{\"action\":\"failed\",\"n\":2}");
    String push = postGithub(github, "push", "{\"n\":3}");

    assertThat(ids(search(tenant).get("/v1/events"))).containsExactly(push, failed, paid);
    assertThat(ids(search(tenant).queryParam("endpoint", stripe).get("/v1/events"))).containsExactly(failed, paid);
    assertThat(ids(search(tenant).queryParam("queue", orders).get("/v1/events"))).containsExactly(failed, paid);
    assertThat(ids(search(tenant).queryParam("queue", audit).get("/v1/events"))).containsExactly(push, failed, paid);
    assertThat(ids(search(tenant).queryParam("type", "invoice.paid").get("/v1/events"))).containsExactly(paid);
    assertThat(ids(search(tenant).queryParam("to", Instant.now().minusSeconds(3600).toString()).get("/v1/events")))
        .isEmpty();
    assertThat(ids(search(tenant).queryParam("from", Instant.now().minusSeconds(3600).toString())
        .queryParam("to", Instant.now().plusSeconds(60).toString()).get("/v1/events"))).containsExactly(push, failed, paid);

    Response page = search(tenant).queryParam("endpoint", github).get("/v1/events");
    assertThat(page.<String>path("items[0].endpointId")).isEqualTo(github);
    assertThat(page.<String>path("items[0].endpointName")).startsWith("ep-");
    assertThat(page.<String>path("items[0].type")).isEqualTo("push");
    assertThat(page.<Integer>path("items[0].size")).isEqualTo("{\"n\":3}".length());
    assertThat(page.<String>path("items[0].contentType")).isEqualTo("application/json");
    assertThat(page.<String>path("items[0].receivedAt")).endsWith("Z");

    // One of orders' two messages is acked (it is gone there), one is dead.
    consume(tenant, orders, "ack");
    consume(tenant, orders, "reject");
    assertThat(ids(search(tenant).queryParam("queue", orders).get("/v1/events"))).containsExactly(failed, paid);
    assertThat(ids(search(tenant).queryParam("outcome", "dead").get("/v1/events"))).containsExactly(failed);
    assertThat(ids(search(tenant).queryParam("outcome", "pending").get("/v1/events"))).containsExactly(push, failed, paid);
    assertThat(ids(search(tenant).queryParam("outcome", "settled").get("/v1/events"))).isEmpty();
    consumeAll(tenant, audit);
    assertThat(ids(search(tenant).queryParam("outcome", "settled").get("/v1/events"))).containsExactly(push, paid);
    assertThat(ids(search(tenant).queryParam("outcome", "pending").get("/v1/events"))).isEmpty();
    assertThat(ids(search(tenant).queryParam("outcome", "dead").get("/v1/events"))).containsExactly(failed);
  }

  @Test
  void aCursorKeepsItsPlaceWhileEventsKeepArriving() throws Exception {
    Api.TenantAccess tenant = relay.newTenant("cursor");
    String queue = queue(tenant);
    String endpoint = endpoint(tenant, "none", queue);
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      before.add(0, post(endpoint, "{\"i\":" + i + "}"));
    }
    AtomicBoolean stop = new AtomicBoolean();
    List<String> during = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger later = new java.util.concurrent.atomic.AtomicInteger();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      while (!stop.get()) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          answers.add(inbound.send(inbound.request(endpoint, "{\"later\":" + later.incrementAndGet() + "}",
              Map.of("Content-Type", "application/json"))));
        }
        answers.forEach(a -> during.add(new JsonObject(a.join().body()).getString("eventId")));
      }
    });
    try {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      boolean first = true;
      do {
        RequestSpecification request = search(tenant).queryParam("endpoint", endpoint).queryParam("limit", 7);
        if (cursor != null) {
          request = request.queryParam("cursor", cursor);
        }
        Response page = request.get("/v1/events");
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> ids = ids(page);
        if (first) {
          // The first page may hold some of the new ones; what follows it must be exactly the rest.
          seen.addAll(ids.stream().filter(id -> !before.contains(id)).toList());
          first = false;
          ids = ids.stream().filter(before::contains).toList();
          assertThat(before.subList(0, ids.size())).isEqualTo(ids);
          seen.addAll(ids);
        } else {
          seen.addAll(ids);
        }
        cursor = page.path("nextCursor");
      } while (cursor != null);
      List<String> old = seen.stream().filter(before::contains).toList();
      assertThat(old).isEqualTo(before);
      assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    } finally {
      stop.set(true);
      writer.get();
    }
    assertThat(during).isNotEmpty();
  }

  @Test
  void theBodyComesBackByteForByte() {
    Api.TenantAccess tenant = relay.newTenant("bytes");
    String endpoint = endpoint(tenant, "none");
    String json = "{ \"amount\": 1.50, \"name\": \"caf\\u00e9 \\u2603\", \"n\": [1e2, -0.0]}\n";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer = inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build()).join();
    String id = new JsonObject(answer.body()).getString("eventId");

    Response body = api.as(tenant.adminToken()).get("/v1/events/" + id + "/body");
    assertThat(body.statusCode()).isEqualTo(200);
    assertThat(body.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(body.asByteArray()).isEqualTo(bytes);

    Response event = api.as(tenant.adminToken()).get("/v1/events/" + id);
    assertThat(Base64.getDecoder().decode(event.<String>path("bodyBase64"))).isEqualTo(bytes);
    assertThat(event.<String>path("bodyEncoding")).isEqualTo("json");
    assertThat(event.<String>path("contentType")).isEqualTo("application/json; charset=utf-8");
    // The JSON text is embedded as it came: 1.50 and the escapes are still there.
    assertThat(event.asString()).endsWith("\"body\":" + json + "}");
    assertThat(event.<String>path("body.name")).isEqualTo("café ☃");

    byte[] binary = {0, 1, 2, (byte) 0xff};
    HttpResponse<String> raw = inbound.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/in/" + endpoint))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(binary))
        .build()).join();
    String rawId = new JsonObject(raw.body()).getString("eventId");
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + rawId + "/body").asByteArray()).isEqualTo(binary);
    Response rawEvent = api.as(tenant.adminToken()).get("/v1/events/" + rawId);
    assertThat(rawEvent.<String>path("bodyEncoding")).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(rawEvent.<String>path("body"))).isEqualTo(binary);
  }

  @Test
  void anEventSaysWhatBecameOfItInEachQueue() {
    Api.TenantAccess tenant = relay.newTenant("deliveries");
    String kept = queue(tenant);
    String acked = queue(tenant);
    String purged = queue(tenant);
    String endpoint = endpoint(tenant, "none", kept, acked, purged);
    String id = post(endpoint, "{\"n\":1}");
    consume(tenant, acked, "ack");
    api.as(tenant.adminToken()).delete("/v1/queues/" + purged + "/messages").then().statusCode(200);

    Response event = api.as(tenant.adminToken()).get("/v1/events/" + id);
    assertThat(event.<List<String>>path("deliveries.queue")).containsExactlyInAnyOrder(kept, acked, purged);
    Map<String, Object> inPurged = delivery(event, purged);
    assertThat(inPurged.get("state")).isEqualTo("gone");
    assertThat(inPurged.get("messageId")).as("never leased: no attempts to show").isNull();
    Map<String, Object> inKept = delivery(event, kept);
    assertThat(inKept.get("state")).isEqualTo("ready");
    assertThat((String) inKept.get("messageId")).startsWith("msg_");
    assertThat(inKept.get("attempt")).isEqualTo(0);
    Map<String, Object> inAcked = delivery(event, acked);
    assertThat(inAcked.get("state")).isEqualTo("gone");
    // Gone, but leased once: the message id leads to its attempts, which outlive it.
    String ackedMessage = (String) inAcked.get("messageId");
    assertThat(ackedMessage).startsWith("msg_");
    assertThat(api.as(tenant.adminToken()).get("/v1/messages/" + ackedMessage + "/attempts")
        .<List<String>>path("items.outcome")).containsExactly("acked");

    api.as(tenant.adminToken()).queryParam("lease", 60).get("/v1/queues/" + kept + "/next").then().statusCode(200);
    assertThat(delivery(api.as(tenant.adminToken()).get("/v1/events/" + id), kept).get("state")).isEqualTo("leased");
  }

  @Test
  void badSearchesAreProblemsAndOtherTenantsThingsAreNotFound() {
    Api.TenantAccess tenant = relay.newTenant("bad");
    String endpoint = endpoint(tenant, "none");
    String theirs = endpoint(other, "none");
    String id = post(endpoint, "{}");
    assertProblem(search(tenant).queryParam("type", "x".repeat(201)).get("/v1/events"), 400, "validation");
    assertProblem(search(tenant).queryParam("outcome", "acked-maybe").get("/v1/events"), 400, "validation");
    assertProblem(search(tenant).queryParam("cursor", "Z2FyYmxlZA").get("/v1/events"), 400, "validation");
    assertProblem(search(tenant).queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
        .get("/v1/events"), 400, "validation");
    assertProblem(search(tenant).queryParam("from", "2016-01-01T00:00:00Z").get("/v1/events"), 400, "validation");
    assertProblem(search(tenant).queryParam("limit", 0).get("/v1/events"), 400, "validation");
    assertProblem(search(tenant).queryParam("endpoint", theirs).get("/v1/events"), 404, "not-found");
    assertProblem(search(tenant).queryParam("queue", "no-such-queue").get("/v1/events"), 404, "not-found");
    assertProblem(api.as(other.adminToken()).get("/v1/events/" + id), 404, "not-found");
    assertProblem(api.as(other.adminToken()).get("/v1/events/" + id + "/body"), 404, "not-found");
    assertProblem(api.as(other.adminToken()).queryParam("endpoint", endpoint).get("/v1/events"), 404, "not-found");
  }

  private static Map<String, Object> delivery(Response event, String queue) {
    List<Map<String, Object>> all = event.path("deliveries");
    return all.stream().filter(d -> queue.equals(d.get("queue"))).findFirst().orElseThrow();
  }

  private static void consume(Api.TenantAccess tenant, String queue, String verb) {
    Response next = api.as(tenant.adminToken()).get("/v1/queues/" + queue + "/next");
    assertThat(next.statusCode()).isEqualTo(200);
    String url = new JsonObject(next.header("Inlet-Meta")).getString(verb + "Url");
    Response settled = api.as(tenant.adminToken()).body(Map.of("reason", "test")).post(relay.path(url));
    assertThat(settled.statusCode()).isEqualTo(204);
  }

  private static void consumeAll(Api.TenantAccess tenant, String queue) {
    Response next;
    while ((next = api.as(tenant.adminToken()).get("/v1/queues/" + queue + "/next")).statusCode() == 200) {
      api.as(tenant.adminToken()).post(relay.path(new JsonObject(next.header("Inlet-Meta")).getString("ackUrl")));
    }
  }

  private static RequestSpecification search(Api.TenantAccess tenant) {
    return api.as(tenant.adminToken());
  }

  private static List<String> ids(Response page) {
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    return page.path("items.id");
  }

  private static String post(String endpoint, String json) {
    HttpResponse<String> answer = inbound.post(endpoint, json, Map.of("Content-Type", "application/json"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return new JsonObject(answer.body()).getString("eventId");
  }

  private static String postGithub(String endpoint, String event, String json) {
    HttpResponse<String> answer = inbound.post(endpoint, json, Map.of("Content-Type", "application/json",
        "X-GitHub-Event", event, "X-GitHub-Delivery", java.util.UUID.randomUUID().toString(),
        "X-Hub-Signature-256", dev.inlet.relay.testing.Signatures.github("s", json)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return new JsonObject(answer.body()).getString("eventId");
  }

  private static String queue(Api.TenantAccess tenant) {
    String name = RelayExtension.uniqueName("q");
    api.createQueue(tenant.adminToken(), name);
    return name;
  }

  private static String endpoint(Api.TenantAccess tenant, String scheme, String... queues) {
    List<Map<String, String>> routes = java.util.Arrays.stream(queues).map(q -> Map.of("queue", q)).toList();
    Map<String, Object> verification = scheme.equals("github")
        ? Map.of("scheme", scheme, "secrets", List.of("s")) : Map.of("scheme", scheme);
    Map<String, Object> spec = Map.of("name", RelayExtension.uniqueName("ep"), "verification", verification,
        "routes", routes);
    return api.as(tenant.adminToken()).body(spec).post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }
}
