package dev.inlet.relay.replay;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplayApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();

  @Test
  void aReplayJobRunsToDoneAndItsMessagesSayReplay(Api.TenantAccess acme) {
    String queue = queue(acme);
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + queue, queue);
    for (int i = 0; i < 7; i++) {
      inbound.post(endpoint, "{\"n\":" + i + "}", Map.of());
    }
    purge(acme, queue);

    Response created = replay(acme, queue, Map.of());
    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(created.<String>path("id")).startsWith("rpl_");
    assertThat(created.<String>path("state")).isIn("queued", "running", "done");
    JsonObject job = awaitEnd(acme, created.path("id"));
    assertThat(job.getString("state")).isEqualTo("done");
    assertThat(job.getLong("total")).isEqualTo(7);
    assertThat(job.getLong("done")).isEqualTo(7);
    assertThat(job.getLong("skipped")).isZero();
    assertThat(job.getString("finishedAt")).isNotNull();
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(7);

    JsonObject meta = new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue + "/next").header("Inlet-Meta"));
    assertThat(meta.getBoolean("replay")).isTrue();

    Response listed = api.as(acme.adminToken()).get("/v1/queues/" + queue + "/replays");
    assertThat(listed.<List<String>>path("items.id")).containsExactly(job.getString("id"));
  }

  @Test
  void aReplayDoesNotAddASecondCopyOfAnEventStillWaitingInTheQueue(Api.TenantAccess acme) {
    String queue = queue(acme);
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + queue, queue);
    for (int i = 0; i < 3; i++) {
      inbound.post(endpoint, "{\"waiting\":" + i + "}", Map.of());
    }
    JsonObject leased = new JsonObject(api.as(acme.adminToken()).queryParam("lease", 600)
        .get("/v1/queues/" + queue + "/next").header("Inlet-Meta"));

    JsonObject first = awaitEnd(acme, replay(acme, queue, Map.of()).path("id"));
    assertThat(first.getLong("done")).isZero();
    assertThat(first.getLong("skipped")).isEqualTo(3);
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(2);
    assertThat(stats(acme, queue).getInteger("leased")).isEqualTo(1);

    api.as(acme.adminToken()).post(relay.path(leased.getString("ackUrl"))).then().statusCode(204);
    JsonObject second = awaitEnd(acme, replay(acme, queue, Map.of()).path("id"));
    assertThat(second.getLong("done")).as("only the acked one comes back").isEqualTo(1);
    assertThat(second.getLong("skipped")).isEqualTo(2);
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(3);
  }

  @Test
  void aReplayAppliesTheRoutesFiltersAgain(Api.TenantAccess acme) {
    String queue = queue(acme);
    String endpoint = api.as(acme.adminToken()).body(Map.of("name", "ep-" + queue,
            "verification", Map.of("scheme", "none"),
            "routes", List.of(Map.of("queue", queue, "filter", Map.of("jsonPointer", "/kind", "equals", "a")))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    for (String kind : List.of("a", "b", "a", "b", "b")) {
      inbound.post(endpoint, "{\"kind\":\"" + kind + "\",\"at\":" + System.nanoTime() + "}", Map.of());
    }
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(2);
    purge(acme, queue);

    JsonObject job = awaitEnd(acme, replay(acme, queue, Map.of()).path("id"));
    assertThat(job.getLong("total")).isEqualTo(5);
    assertThat(job.getLong("done")).isEqualTo(2);
    assertThat(job.getLong("skipped")).isEqualTo(3);
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(2);

    JsonObject typed = awaitEnd(acme, replay(acme, queue, Map.of("type", "no.such.type")).path("id"));
    assertThat(typed.getLong("total")).isZero();
    assertThat(typed.getLong("done")).isZero();
  }

  @Test
  void anEndpointNamedByTheReplayNeedsNoRouteToTheQueue(Api.TenantAccess acme) {
    String routed = queue(acme);
    String target = queue(acme);
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + routed, routed);
    inbound.post(endpoint, "{\"x\":1}", Map.of());
    JsonObject job = awaitEnd(acme, replay(acme, target, Map.of("endpointId", endpoint)).path("id"));
    assertThat(job.getLong("done")).isEqualTo(1);
    assertThat(stats(acme, target).getInteger("ready")).isEqualTo(1);
    JsonObject none = awaitEnd(acme, replay(acme, target, Map.of()).path("id"));
    assertThat(none.getLong("total")).as("without endpointId, only endpoints routed to the queue").isZero();
  }

  @Test
  void resendPutsOneEventIntoTheQueuesItsRoutesAdmitOrIntoTheQueueNamed(Api.TenantAccess acme) {
    String plain = queue(acme);
    String filtered = queue(acme);
    String other = queue(acme);
    String endpoint = api.as(acme.adminToken()).body(Map.of("name", "ep-" + plain,
            "verification", Map.of("scheme", "none"),
            "routes", List.of(Map.of("queue", plain),
                Map.of("queue", filtered, "filter", Map.of("jsonPointer", "/kind", "equals", "never")))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    String eventId = new JsonObject(inbound.post(endpoint, "{\"kind\":\"a\"}", Map.of()).body()).getString("eventId");

    Response resent = api.as(acme.adminToken()).body(Map.of()).post("/v1/events/" + eventId + "/resend");
    assertThat(resent.statusCode()).isEqualTo(202);
    assertThat(resent.<List<String>>path("messages.queue")).containsExactly(plain);
    assertThat(resent.<List<String>>path("messages.messageId")).allMatch(id -> id.startsWith("msg_"));
    assertThat(stats(acme, plain).getInteger("ready")).as("resend adds a copy even while one waits").isEqualTo(2);
    assertThat(stats(acme, filtered).getInteger("ready")).isZero();

    Response named = api.as(acme.adminToken()).body(Map.of("queue", other)).post("/v1/events/" + eventId + "/resend");
    assertThat(named.<List<String>>path("messages.queue")).containsExactly(other);
    JsonObject meta = new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + other + "/next").header("Inlet-Meta"));
    assertThat(meta.getString("eventId")).isEqualTo(eventId);
    assertThat(meta.getBoolean("replay")).isTrue();

    assertProblem(api.as(acme.adminToken()).body(Map.of()).post("/v1/events/evt_nope/resend"), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).body(Map.of("queue", "no-such-queue"))
        .post("/v1/events/" + eventId + "/resend"), 404, "not-found");
  }

  @Test
  void resendAndReplaysOfAnotherTenantAreNotFound(Api.TenantAccess acme, Api.TenantAccess other) {
    String queue = queue(acme);
    String endpoint = api.createEndpoint(acme.adminToken(), "ep-" + queue, queue);
    String eventId = new JsonObject(inbound.post(endpoint, "{\"mine\":1}", Map.of()).body()).getString("eventId");
    String job = replay(acme, queue, Map.of()).path("id");
    api.createQueue(other.adminToken(), queue);

    assertProblem(api.as(other.adminToken()).body(Map.of()).post("/v1/events/" + eventId + "/resend"), 404,
        "not-found");
    assertProblem(api.as(other.adminToken()).body(Map.of("queue", queue)).post("/v1/events/" + eventId + "/resend"),
        404, "not-found");
    assertProblem(api.as(other.adminToken()).get("/v1/replays/" + job), 404, "not-found");
    assertProblem(api.as(other.adminToken()).post("/v1/replays/" + job + "/cancel"), 404, "not-found");
    assertThat(api.as(other.adminToken()).get("/v1/queues/" + queue + "/replays").<List<Object>>path("items"))
        .isEmpty();
    assertProblem(api.as(other.adminToken()).body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z",
        "endpointId", endpoint)).post("/v1/queues/" + queue + "/replays"), 422, "unprocessable");
    assertThat(stats(other, queue).getInteger("ready")).isZero();
  }

  @Test
  void badReplayRequestsAreRefusedAndMakeNoJob(Api.TenantAccess acme) {
    String queue = queue(acme);
    String path = "/v1/queues/" + queue + "/replays";
    assertProblem(api.as(acme.adminToken()).body(Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
        .post(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("from", "2016-01-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
        .post(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z",
        "type", "x".repeat(201))).post(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("from", "yesterday", "to", "2026-01-02T00:00:00Z"))
        .post(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("to", "2026-01-02T00:00:00Z")).post(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"))
        .post("/v1/queues/no-such-queue/replays"), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).queryParam("cursor", "cnBsX25vcGU").get(path), 400, "validation");
    assertProblem(api.as(acme.adminToken()).get("/v1/replays/rpl_nope"), 404, "not-found");
    assertThat(api.as(acme.adminToken()).get(path).<List<Object>>path("items")).isEmpty();
  }

  @Test
  void replaysAreListedNewestFirstPageByPage(Api.TenantAccess acme) {
    String queue = queue(acme);
    String a = replay(acme, queue, Map.of()).path("id");
    String b = replay(acme, queue, Map.of()).path("id");
    String c = replay(acme, queue, Map.of()).path("id");
    Response first = api.as(acme.adminToken()).queryParam("limit", 2).get("/v1/queues/" + queue + "/replays");
    assertThat(first.<List<String>>path("items.id")).containsExactly(c, b);
    Response second = api.as(acme.adminToken()).queryParam("limit", 2)
        .queryParam("cursor", first.<String>path("nextCursor")).get("/v1/queues/" + queue + "/replays");
    assertThat(second.<List<String>>path("items.id")).containsExactly(a);
    assertThat(second.<String>path("nextCursor")).isNull();
  }

  @Test
  void aFinishedReplayCannotBeCancelled(Api.TenantAccess acme) {
    String queue = queue(acme);
    JsonObject job = awaitEnd(acme, replay(acme, queue, Map.of()).path("id"));
    assertThat(job.getString("state")).isEqualTo("done");
    assertProblem(api.as(acme.adminToken()).post("/v1/replays/" + job.getString("id") + "/cancel"), 409, "conflict");
    assertThat(api.read(acme.adminToken(), "/v1/replays/" + job.getString("id")).path("state").asText())
        .isEqualTo("done");
  }

  @Test
  void consumersMayNotReplay(Api.TenantAccess acme) {
    String queue = queue(acme);
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + queue));
    assertProblem(api.as(consumer).body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"))
        .post("/v1/queues/" + queue + "/replays"), 403, "forbidden");
  }

  static String queue(Api.TenantAccess tenant) {
    String name = RelayExtension.uniqueName("rq");
    api.createQueue(tenant.adminToken(), name);
    return name;
  }

  private static Response replay(Api.TenantAccess tenant, String queue, Map<String, String> more) {
    Map<String, String> body = new HashMap<>(more);
    body.put("from", Instant.now().minus(Duration.ofHours(1)).toString());
    body.put("to", Instant.now().plus(Duration.ofMinutes(5)).toString());
    return api.as(tenant.adminToken()).body(body).post("/v1/queues/" + queue + "/replays");
  }

  static JsonObject awaitEnd(Api.TenantAccess tenant, String id) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
        () -> new JsonObject(api.as(tenant.adminToken()).get("/v1/replays/" + id).asString()),
        job -> List.of("done", "cancelled", "failed").contains(job.getString("state")));
  }

  private static void purge(Api.TenantAccess tenant, String queue) {
    api.as(tenant.adminToken()).delete("/v1/queues/" + queue + "/messages").then().statusCode(200);
  }

  private static JsonObject stats(Api.TenantAccess tenant, String queue) {
    return new JsonObject(api.as(tenant.adminToken()).get("/v1/queues/" + queue).asString()).getJsonObject("stats");
  }
}
