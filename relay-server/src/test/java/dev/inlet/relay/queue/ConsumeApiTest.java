package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConsumeApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void nextDeliversTheOriginalBodyWithMetaAndSettleLinks() {
    Fixture f = fixture(Map.of());
    String eventId = f.ingest("{\"order\":42}");
    Response next = api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.contentType()).isEqualTo("application/json");
    assertThat(next.asString()).isEqualTo("{\"order\":42}");
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    assertThat(meta.getString("eventId")).isEqualTo(eventId);
    assertThat(meta.getString("queue")).isEqualTo(f.queue);
    assertThat(meta.getString("endpointId")).isEqualTo(f.endpoint);
    assertThat(meta.getInteger("attempt")).isEqualTo(1);
    assertThat(meta.getString("ackUrl")).startsWith(relay.relay().publicUrl() + "/v1/messages/msg_").contains("?lease=");
    assertThat(next.header("Link")).contains("rel=\"ack\"", "rel=\"nack\"", "rel=\"reject\"", meta.getString("ackUrl"));

    assertThat(api.as(acme.adminToken()).post(path(meta.getString("ackUrl"))).statusCode()).isEqualTo(204);
    assertThat(stats(f.queue).getInteger("ready") + stats(f.queue).getInteger("leased")).isZero();
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next").statusCode()).isEqualTo(204);
  }

  @Test
  void envelopeFormatAndAutoAck() {
    Fixture f = fixture(Map.of());
    f.ingest("{\"a\":1}");
    f.ingest("{\"a\":2}");
    Response envelope = api.as(acme.adminToken()).queryParam("format", "envelope").get("/v1/queues/" + f.queue + "/next");
    assertThat(envelope.<Integer>path("body.a")).isEqualTo(1);
    assertThat(envelope.<String>path("bodyEncoding")).isEqualTo("json");
    assertThat(envelope.<List<String>>path("headers.content-type")).containsExactly("application/json");
    assertThat(envelope.<String>path("meta.ackUrl")).contains("/ack?lease=");

    Response taken = api.as(acme.adminToken()).queryParam("autoAck", true).get("/v1/queues/" + f.queue + "/next");
    assertThat(taken.asString()).isEqualTo("{\"a\":2}");
    assertThat(taken.header("Link")).isNull();
    assertThat(new JsonObject(taken.header("Inlet-Meta")).containsKey("ackUrl")).isFalse();
    JsonObject stats = stats(f.queue);
    assertThat(stats.getInteger("ready")).isZero();
    assertThat(stats.getInteger("leased")).isEqualTo(1);
  }

  @Test
  void receiveLeasesABatchAndBatchAckSettlesIt() {
    Fixture f = fixture(Map.of());
    for (int i = 0; i < 5; i++) {
      f.ingest("{\"i\":" + i + "}");
    }
    Response batch = api.as(acme.adminToken()).body(Map.of("max", 3)).post("/v1/queues/" + f.queue + "/receive");
    assertThat(batch.<List<Integer>>path("body.i")).containsExactly(0, 1, 2);
    List<Map<String, String>> items = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String ack = batch.path("[" + i + "].meta.ackUrl");
      items.add(Map.of("id", batch.path("[" + i + "].meta.messageId"), "lease", ack.substring(ack.indexOf("lease=") + 6)));
    }
    items.add(Map.of("id", batch.<String>path("[0].meta.messageId"), "lease", UUID.randomUUID().toString()));
    Response acked = api.as(acme.adminToken()).body(Map.of("items", items)).post("/v1/queues/" + f.queue + "/ack");
    assertThat(acked.statusCode()).isEqualTo(200);
    assertThat(acked.<List<String>>path("acked")).hasSize(3);
    assertThat(acked.<List<String>>path("notAcked")).hasSize(1);
    assertThat(stats(f.queue).getInteger("ready")).isEqualTo(2);
    assertThat(api.as(acme.adminToken()).body(Map.of("max", 10)).post("/v1/queues/" + f.queue + "/receive")
        .<List<Object>>path("")).hasSize(2);
  }

  @Test
  void anExpiredLeaseIsDeliveredAgainAndTheStaleAckIsRefused() throws Exception {
    Fixture f = fixture(Map.of());
    f.ingest("{\"x\":1}");
    JsonObject first = meta(api.as(acme.adminToken()).queryParam("lease", 30).get("/v1/queues/" + f.queue + "/next"));
    assertThat(f.expireLeases()).isEqualTo(1);
    JsonObject second = meta(api.as(acme.adminToken()).queryParam("wait", 5).get("/v1/queues/" + f.queue + "/next"));
    assertThat(second.getString("messageId")).isEqualTo(first.getString("messageId"));
    assertThat(second.getInteger("attempt")).isEqualTo(2);

    assertProblem(api.as(acme.adminToken()).post(path(first.getString("ackUrl"))), 409, "conflict");
    assertProblem(api.as(acme.adminToken()).post(path(first.getString("nackUrl"))), 409, "conflict");
    assertThat(stats(f.queue).getInteger("leased")).isEqualTo(1);
    assertThat(api.as(acme.adminToken()).post(path(second.getString("ackUrl"))).statusCode()).isEqualTo(204);
    assertProblem(api.as(acme.adminToken()).post(path(second.getString("ackUrl"))), 404, "not-found");
  }

  @Test
  void anExpiredLeaseCannotBeSettledEvenBeforeItIsDeliveredAgain() throws Exception {
    Fixture f = fixture(Map.of());
    f.ingest("{\"late\":1}");
    JsonObject lease = meta(api.as(acme.adminToken()).queryParam("lease", 30).get("/v1/queues/" + f.queue + "/next"));
    assertThat(f.expireLeases()).isEqualTo(1);
    assertProblem(api.as(acme.adminToken()).post(path(lease.getString("ackUrl"))), 409, "conflict");
    assertProblem(api.as(acme.adminToken()).body(Map.of("leaseSeconds", 60)).post(path(lease.getString("extendUrl"))),
        409, "conflict");
    assertThat(stats(f.queue).getInteger("ready")).as("untouched, visible again").isEqualTo(1);
  }

  @Test
  void aLongPollWaitsThroughANackDelay() {
    Fixture f = fixture(Map.of());
    f.ingest("{\"later\":true}");
    JsonObject first = meta(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next"));
    api.as(acme.adminToken()).body(Map.of("delaySeconds", 2, "reason", "not yet")).post(path(first.getString("nackUrl")))
        .then().statusCode(204);
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next").statusCode()).isEqualTo(204);
    assertThat(stats(f.queue).getInteger("delayed")).isEqualTo(1);
    long start = System.nanoTime();
    Response again = api.as(acme.adminToken()).queryParam("wait", 10).get("/v1/queues/" + f.queue + "/next");
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(meta(again).getInteger("attempt")).isEqualTo(2);
    assertThat(waitedMs).as("waited for the nack delay, not the whole long poll").isBetween(800L, 6_000L);
  }

  @Test
  void nackWithoutADelayBacksOffByAttempt() {
    Fixture f = fixture(Map.of());
    f.ingest("{\"backoff\":1}");
    JsonObject first = meta(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next"));
    api.as(acme.adminToken()).post(path(first.getString("nackUrl"))).then().statusCode(204);
    assertThat(stats(f.queue).getInteger("delayed")).isEqualTo(1);
    Response again = api.as(acme.adminToken()).queryParam("wait", 5).get("/v1/queues/" + f.queue + "/next");
    assertThat(again.statusCode()).isEqualTo(200);
  }

  @Test
  void rejectDeadLettersAndRedriveBringsItBackWithAttemptsReset() {
    Fixture f = fixture(Map.of());
    f.ingest("{\"poison\":true}");
    JsonObject first = meta(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next"));
    api.as(acme.adminToken()).body(Map.of("reason", "cannot parse")).post(path(first.getString("rejectUrl")))
        .then().statusCode(204);
    assertThat(stats(f.queue).getInteger("dead")).isEqualTo(1);
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next").statusCode()).isEqualTo(204);

    Response redriven = api.as(acme.adminToken()).body(Map.of()).post("/v1/queues/" + f.queue + "/redrive");
    assertThat(redriven.<Integer>path("redriven")).isEqualTo(1);
    JsonObject again = meta(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next"));
    assertThat(again.getString("messageId")).isEqualTo(first.getString("messageId"));
    assertThat(again.getInteger("attempt")).isEqualTo(1);
  }

  @Test
  void aMessageLeasedMaxAttemptsTimesIsDeadLetteredInsteadOfDelivered() throws Exception {
    Fixture f = fixture(Map.of("maxAttempts", 2));
    f.ingest("{\"flaky\":true}");
    for (int attempt = 1; attempt <= 2; attempt++) {
      Response next = api.as(acme.adminToken()).queryParam("lease", 30).queryParam("wait", 5)
          .get("/v1/queues/" + f.queue + "/next");
      assertThat(meta(next).getInteger("attempt")).isEqualTo(attempt);
      assertThat(f.expireLeases()).isEqualTo(1);
    }
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next").statusCode()).isEqualTo(204);
    assertThat(stats(f.queue).getInteger("dead")).isEqualTo(1);
    assertThat(api.anonymous().get("/metrics").asString()).contains("inlet_queue_dead_letters_total");
  }

  @Test
  void extendKeepsTheLeasePastItsFirstExpiry() throws Exception {
    Fixture f = fixture(Map.of());
    f.ingest("{\"slow\":true}");
    JsonObject first = meta(api.as(acme.adminToken()).queryParam("lease", 1).get("/v1/queues/" + f.queue + "/next"));
    Response extended = api.as(acme.adminToken()).body(Map.of("leaseSeconds", 30)).post(path(first.getString("extendUrl")));
    assertThat(extended.statusCode()).isEqualTo(200);
    assertThat(extended.<String>path("leaseExpiresAt")).isNotBlank();
    // As if 1.3 s had gone by: past the first expiry, well within the extended one.
    f.ageMessages(Duration.ofMillis(1_300));
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + f.queue + "/next").statusCode()).isEqualTo(204);
    assertThat(api.as(acme.adminToken()).post(path(first.getString("ackUrl"))).statusCode()).isEqualTo(204);
  }

  @Test
  void aLongPollReturnsAsSoonAsAnEventArrives() {
    Fixture f = fixture(Map.of());
    CompletableFuture<Response> polling = CompletableFuture.supplyAsync(
        () -> api.as(acme.adminToken()).queryParam("wait", 15).get("/v1/queues/" + f.queue + "/next"));
    sleep(300);
    long ingested = System.nanoTime();
    f.ingest("{\"wake\":1}");
    Response response = polling.join();
    long afterIngestMs = (System.nanoTime() - ingested) / 1_000_000;
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(afterIngestMs).as("answered after the ingest, not at the end of the wait").isLessThan(5_000);
  }

  @Test
  void aLongPollOnAnotherRelayNodeIsWokenThroughPostgres() {
    Fixture f = fixture(Map.of());
    try (TestRelay other = relay.startNode()) {
      Api otherApi = new Api(other);
      CompletableFuture<Response> polling = CompletableFuture.supplyAsync(
          () -> otherApi.as(acme.adminToken()).queryParam("wait", 15).get("/v1/queues/" + f.queue + "/next"));
      sleep(500);
      long ingested = System.nanoTime();
      f.ingest("{\"cross-node\":1}");
      Response response = polling.join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - ingested) / 1_000_000).isLessThan(5_000);
    }
  }

  @Test
  void competingConsumersNeverHoldTheSameMessage() {
    Fixture f = fixture(Map.of());
    int total = 120;
    for (int i = 0; i < total; i++) {
      f.ingest("{\"n\":" + i + "}");
    }
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> consumers = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      consumers.add(CompletableFuture.runAsync(() -> {
        while (true) {
          Response batch = api.as(acme.adminToken()).body(Map.of("max", 7, "lease", 60))
              .post("/v1/queues/" + f.queue + "/receive");
          List<Map<String, Object>> envelopes = batch.path("");
          if (envelopes.isEmpty()) {
            return;
          }
          List<Map<String, String>> items = new ArrayList<>();
          for (int i = 0; i < envelopes.size(); i++) {
            String id = batch.path("[" + i + "].meta.messageId");
            if (!delivered.add(id)) {
              duplicates.add(id);
            }
            String ack = batch.path("[" + i + "].meta.ackUrl");
            items.add(Map.of("id", id, "lease", ack.substring(ack.indexOf("lease=") + 6)));
          }
          api.as(acme.adminToken()).body(Map.of("items", items)).post("/v1/queues/" + f.queue + "/ack")
              .then().statusCode(200);
        }
      }));
    }
    consumers.forEach(CompletableFuture::join);
    assertThat(duplicates).isEmpty();
    assertThat(delivered).hasSize(total);
    JsonObject stats = stats(f.queue);
    assertThat(stats.getInteger("ready") + stats.getInteger("leased")).isZero();
  }

  @Test
  void consumeScopesAreEnforced() {
    Fixture f = fixture(Map.of());
    Fixture other = fixture(Map.of());
    f.ingest("{\"scoped\":1}");
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + f.queue));
    assertProblem(api.as(consumer).get("/v1/queues/" + other.queue + "/next"), 403, "forbidden");
    Response next = api.as(consumer).get("/v1/queues/" + f.queue + "/next");
    assertThat(next.statusCode()).isEqualTo(200);
    String otherConsumer = api.mintToken(acme.adminToken(), List.of("consume:" + other.queue));
    String ackUrl = meta(next).getString("ackUrl");
    assertProblem(api.as(otherConsumer).post(path(ackUrl)), 404, "not-found");
    assertProblem(api.as(consumer).body(Map.of()).post("/v1/queues/" + f.queue + "/redrive"), 403, "forbidden");
    assertThat(api.as(consumer).post(path(ackUrl)).statusCode()).isEqualTo(204);

    Api.TenantAccess globex = relay.newTenant("globex-consumer");
    assertProblem(api.as(globex.adminToken()).get("/v1/queues/" + f.queue + "/next"), 404, "not-found");
  }

  @Test
  void outOfRangeParametersAreValidationProblems() {
    Fixture f = fixture(Map.of());
    assertThat(assertProblem(api.as(acme.adminToken()).queryParam("wait", 21).get("/v1/queues/" + f.queue + "/next"),
        400, "validation")).contains("?wait");
    assertThat(assertProblem(api.as(acme.adminToken()).queryParam("lease", 0).get("/v1/queues/" + f.queue + "/next"),
        400, "validation")).contains("?lease");
    assertThat(assertProblem(api.as(acme.adminToken()).queryParam("format", "xml").queryParam("autoAck", "maybe")
        .get("/v1/queues/" + f.queue + "/next"), 400, "validation")).containsExactlyInAnyOrder("?format", "?autoAck");
    assertProblem(api.as(acme.adminToken()).queryParam("wait", "soon").get("/v1/queues/" + f.queue + "/next"), 400,
        "validation");
    assertProblem(api.as(acme.adminToken()).body(Map.of("max", 101)).post("/v1/queues/" + f.queue + "/receive"),
        400, "validation");
    assertProblem(api.as(acme.adminToken()).post("/v1/messages/msg_1/ack?lease=not-a-uuid"), 400, "validation");
    assertProblem(api.as(acme.adminToken()).post("/v1/messages/msg_1/ack"), 400, "validation");
    assertProblem(api.as(acme.adminToken()).post("/v1/messages/msg_zzzzzz/ack?lease=" + UUID.randomUUID()), 404,
        "not-found");
  }

  /** A queue with an endpoint (scheme none) routed to it. */
  private record Fixture(String queue, String endpoint) {
    String ingest(String body) {
      var response = inbound.post(endpoint, body, Map.of());
      assertThat(response.statusCode()).isEqualTo(202);
      return new JsonObject(response.body()).getString("eventId");
    }

    int expireLeases() {
      return relay.database().expireLeases(acme.id(), queue);
    }

    void ageMessages(Duration by) {
      relay.database().ageMessages(acme.id(), queue, by);
    }
  }

  private static Fixture fixture(Map<String, Object> settings) {
    String name = "q-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new java.util.HashMap<>(settings);
    body.put("name", name);
    api.as(acme.adminToken()).body(body).post("/v1/queues").then().statusCode(201);
    return new Fixture(name, api.createEndpoint(acme.adminToken(), "ep-" + name, name));
  }

  private static JsonObject meta(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return new JsonObject(response.header("Inlet-Meta"));
  }

  private static JsonObject stats(String queue) {
    return new JsonObject(api.as(acme.adminToken()).get("/v1/queues/" + queue).asString()).getJsonObject("stats");
  }

  /** A settle URL handed out by the relay, relative to it. */
  private static String path(String url) {
    return relay.path(url);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
