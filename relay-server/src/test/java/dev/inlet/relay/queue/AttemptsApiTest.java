package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Jwts;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestQueue;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery history: every lease of a message and how it ended; the queue's in/out rates. */
class AttemptsApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static final Api.TenantAccess other = relay.newTenant("other");

  @Test
  void nextThenAckIsOneAckedAttemptByTheConsumersToken() {
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 45));
    String eventId = queue.ingestJson("{\"n\":1}");
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + queue.name));
    Response next = api.as(consumer).get("/v1/queues/" + queue.name + "/next");
    assertThat(next.statusCode()).isEqualTo(200);
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    String messageId = meta.getString("messageId");
    assertThat(api.as(consumer).post(relay.path(meta.getString("ackUrl"))).statusCode()).isEqualTo(204);

    // Acked messages leave the queue; their history does not.
    JsonNode message = api.read(acme.adminToken(), "/v1/messages/" + messageId);
    assertThat(message.path("state").asText()).isEqualTo("acked");
    assertThat(message.path("queue").asText()).isEqualTo(queue.name);
    assertThat(message.path("eventId").asText()).isEqualTo(eventId);
    assertThat(message.path("attempt").asInt()).isEqualTo(1);
    assertThat(message.path("enqueuedAt").asText()).isNotEmpty();
    assertThat(message.path("visibleAt").isNull()).isTrue();

    List<JsonNode> attempts = attempts(messageId);
    assertThat(attempts).hasSize(1);
    JsonNode attempt = attempts.get(0);
    assertThat(attempt.path("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.path("via").asText()).isEqualTo("next");
    assertThat(attempt.path("tokenId").asText()).isEqualTo(tokenId(consumer)).startsWith("tok_");
    assertThat(attempt.path("leaseSeconds").asInt()).isEqualTo(45);
    assertThat(attempt.path("outcome").asText()).isEqualTo("acked");
    assertThat(attempt.path("reason").isNull()).isTrue();
    assertThat(Instant.parse(attempt.path("settledAt").asText()))
        .isAfterOrEqualTo(Instant.parse(attempt.path("leasedAt").asText()));
    assertThat(attempt.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aNackKeepsItsReasonAndDelayAndALaterRejectDoesNotOverwriteIt() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":2}");
    JsonObject first = receiveOne(queue);
    String messageId = first.getString("messageId");
    Response nack = api.as(acme.adminToken()).body(Map.of("reason", "database down", "delaySeconds", 120))
        .post(relay.path(first.getString("nackUrl")));
    assertThat(nack.statusCode()).isEqualTo(204);
    assertThat(api.read(acme.adminToken(), "/v1/messages/" + messageId).path("state").asText()).isEqualTo("delayed");
    queue.endDelays();
    JsonObject second = receiveOne(queue);
    assertThat(second.getInteger("attempt")).isEqualTo(2);
    assertThat(api.as(acme.adminToken()).body(Map.of("reason", "not an order"))
        .post(relay.path(second.getString("rejectUrl"))).statusCode()).isEqualTo(204);

    List<JsonNode> attempts = attempts(messageId);
    assertThat(attempts).extracting(a -> a.path("outcome").asText()).containsExactly("nacked", "rejected");
    assertThat(attempts).extracting(a -> a.path("via").asText()).containsExactly("receive", "receive");
    assertThat(attempts.get(0).path("reason").asText()).isEqualTo("database down");
    assertThat(attempts.get(0).path("delaySeconds").asDouble()).isBetween(119.0, 120.0);
    assertThat(attempts.get(1).path("reason").asText()).isEqualTo("not an order");
    assertThat(attempts.get(1).path("delaySeconds").isNull()).isTrue();
    assertThat(attempts.get(1).path("attempt").asInt()).isEqualTo(2);
    JsonNode message = api.read(acme.adminToken(), "/v1/messages/" + messageId);
    assertThat(message.path("state").asText()).isEqualTo("dead");
    assertThat(message.path("lastError").asText()).isEqualTo("not an order");
  }

  @Test
  void aLeaseThatRanOutIsExpiredBeforeAndAfterTheMessageIsLeasedAgain() throws Exception {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":3}");
    String messageId = nextMeta(queue).getString("messageId");
    assertThat(attempts(messageId)).extracting(a -> a.path("outcome").asText()).containsExactly("leased");
    assertThat(attempts(messageId).get(0).path("settledAt").isNull()).isTrue();

    assertThat(queue.expireLeases()).isEqualTo(1);
    // Seen as it is: the lease is over, though nothing has written that down yet.
    assertThat(attempts(messageId)).extracting(a -> a.path("outcome").asText()).containsExactly("expired");
    assertThat(storedOutcomes(messageId)).as("the open lease is on the message row").isEmpty();

    JsonObject again = nextMeta(queue);
    assertThat(again.getString("messageId")).isEqualTo(messageId);
    // The new lease found the old one run out; the recorder writes it down within its flush interval.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(storedOutcomes(messageId)).containsExactly("expired"));
    List<JsonNode> attempts = attempts(messageId);
    assertThat(attempts).extracting(a -> a.path("outcome").asText()).containsExactly("expired", "leased");
    assertThat(attempts.get(0).path("settledAt").asText()).isNotEmpty();
    assertThat(attempts).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2);
  }

  @Test
  void anExtendedLeaseIsRecordedWithItsWholeLength() {
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    queue.ingestJson("{\"n\":5}");
    JsonObject meta = nextMeta(queue);
    String messageId = meta.getString("messageId");
    assertThat(api.as(acme.adminToken()).body(Map.of("leaseSeconds", 300)).post(relay.path(meta.getString("extendUrl")))
        .statusCode()).isEqualTo(200);
    assertThat(attempts(messageId).get(0).path("leaseSeconds").asInt()).isBetween(300, 302);
    assertThat(attempts(messageId).get(0).path("outcome").asText()).isEqualTo("leased");
    assertThat(api.as(acme.adminToken()).post(relay.path(meta.getString("ackUrl"))).statusCode()).isEqualTo(204);
    JsonNode attempt = attempts(messageId).get(0);
    assertThat(attempt.path("outcome").asText()).isEqualTo("acked");
    assertThat(attempt.path("leaseSeconds").asInt()).isBetween(300, 302);
  }

  @Test
  void aClosedStreamReleasesItsLeaseAndSaysSo() throws Exception {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":4}");
    String messageId;
    try (SseClient stream = SseClient.open(relay.baseUrl() + "/v1/queues/" + queue.name + "/stream?prefetch=5",
        acme.adminToken())) {
      JsonObject delivered = stream.nextMessage(Duration.ofSeconds(10));
      assertThat(delivered).isNotNull();
      messageId = delivered.getJsonObject("meta").getString("messageId");
      assertThat(attempts(messageId).get(0).path("via").asText()).isEqualTo("stream");
    }
    // The release runs when the relay sees the connection close: wait for it, within a bound.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!attempts(messageId).get(0).path("outcome").asText().equals("released") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    JsonNode attempt = attempts(messageId).get(0);
    assertThat(attempt.path("outcome").asText()).isEqualTo("released");
    assertThat(attempt.path("tokenId").asText()).isEqualTo(tokenId(acme.adminToken()));
    assertThat(api.read(acme.adminToken(), "/v1/messages/" + messageId).path("state").asText()).isEqualTo("ready");
  }

  @Test
  void batchAckAndAutoAckAreRecordedAsAcked() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":5}");
    queue.ingestJson("{\"n\":6}");
    JsonObject received = receiveOne(queue);
    Response acked = api.as(acme.adminToken())
        .body(Map.of("items", List.of(Map.of("id", received.getString("messageId"),
            "lease", received.getString("ackUrl").replaceFirst(".*lease=", "")))))
        .post("/v1/queues/" + queue.name + "/ack");
    assertThat(acked.<List<String>>path("acked")).containsExactly(received.getString("messageId"));
    assertThat(attempts(received.getString("messageId")).get(0).path("outcome").asText()).isEqualTo("acked");

    Response taken = api.as(acme.adminToken()).queryParam("autoAck", true).get("/v1/queues/" + queue.name + "/next");
    String takenId = new JsonObject(taken.header("Inlet-Meta")).getString("messageId");
    JsonNode attempt = attempts(takenId).get(0);
    assertThat(attempt.path("outcome").asText()).isEqualTo("acked");
    assertThat(attempt.path("leaseSeconds").asInt()).isZero();
    assertThat(api.read(acme.adminToken(), "/v1/messages/" + takenId).path("state").asText()).isEqualTo("acked");
  }

  @Test
  void anotherTenantsMessageIsNotFoundAndBadInputIsAProblem() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":7}");
    String messageId = nextMeta(queue).getString("messageId");
    assertProblem(api.as(other.adminToken()).get("/v1/messages/" + messageId), 404, "not-found");
    assertProblem(api.as(other.adminToken()).get("/v1/messages/" + messageId + "/attempts"), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).get("/v1/messages/msg_nonsense"), 404, "not-found");
    assertProblem(api.as(acme.adminToken()).get("/v1/messages/" + messageId + "/attempts?cursor=bm90IGEgY3Vyc29y"),
        400, "validation");
    assertProblem(api.as(acme.adminToken()).get("/v1/messages/" + messageId + "/attempts?limit=0"), 400, "validation");
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:" + queue.name));
    assertProblem(api.as(consumer).get("/v1/messages/" + messageId), 403, "forbidden");
    // Nothing changed: still one open lease.
    assertThat(attempts(messageId)).extracting(a -> a.path("outcome").asText()).containsExactly("leased");
  }

  @Test
  void attemptsArePagedOldestFirst() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    queue.ingestJson("{\"n\":8}");
    String messageId = null;
    for (int i = 0; i < 3; i++) {
      JsonObject meta = nextMeta(queue);
      messageId = meta.getString("messageId");
      api.as(acme.adminToken()).body(Map.of("delaySeconds", 0)).post(relay.path(meta.getString("nackUrl")));
    }
    JsonNode first = api.read(acme.adminToken(), "/v1/messages/" + messageId + "/attempts?limit=2");
    assertThat(first.path("items")).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2);
    JsonNode second = api.read(acme.adminToken(),
        "/v1/messages/" + messageId + "/attempts?limit=2&cursor=" + first.path("nextCursor").asText());
    assertThat(second.path("items")).extracting(a -> a.path("attempt").asInt()).containsExactly(3);
    assertThat(second.has("nextCursor")).isFalse();
  }

  @Test
  void ratesCountWhatCameInAndWhatWasAckedInTheirMinute() {
    TestQueue queue = relay.newQueue(acme, Map.of());
    Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i < 3; i++) {
      queue.ingestJson("{\"r\":" + i + "}");
    }
    for (int i = 0; i < 2; i++) {
      JsonObject meta = nextMeta(queue);
      assertThat(api.as(acme.adminToken()).post(relay.path(meta.getString("ackUrl"))).statusCode()).isEqualTo(204);
    }
    JsonNode rates = api.read(acme.adminToken(), "/v1/queues/" + queue.name).path("rates");
    Instant after = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    assertThat(rates.path("windowMinutes").asInt()).isEqualTo(60);
    JsonNode perMinute = rates.path("perMinute");
    assertThat(perMinute).hasSize(60);
    long in = 0;
    long out = 0;
    for (JsonNode minute : perMinute) {
      if (minute.path("in").asLong() + minute.path("out").asLong() > 0) {
        assertThat(Instant.parse(minute.path("minute").asText())).isBetween(before, after);
      }
      in += minute.path("in").asLong();
      out += minute.path("out").asLong();
    }
    assertThat(in).isEqualTo(3);
    assertThat(out).isEqualTo(2);
    assertThat(Instant.parse(perMinute.get(59).path("minute").asText())).isAfterOrEqualTo(after);
    // Other queues' counts are their own.
    TestQueue quiet = relay.newQueue(acme, Map.of());
    JsonNode none = api.read(acme.adminToken(), "/v1/queues/" + quiet.name).path("rates").path("perMinute");
    for (JsonNode minute : none) {
      assertThat(minute.path("in").asLong() + minute.path("out").asLong()).isZero();
    }
  }

  private static List<JsonNode> attempts(String messageId) {
    List<JsonNode> items = new ArrayList<>();
    api.read(acme.adminToken(), "/v1/messages/" + messageId + "/attempts").path("items").forEach(items::add);
    return items;
  }

  private static JsonObject nextMeta(TestQueue queue) {
    Response next = api.as(acme.adminToken()).get("/v1/queues/" + queue.name + "/next");
    assertThat(next.statusCode()).isEqualTo(200);
    return new JsonObject(next.header("Inlet-Meta"));
  }

  private static JsonObject receiveOne(TestQueue queue) {
    Response batch = api.as(acme.adminToken()).body(Map.of("max", 1)).post("/v1/queues/" + queue.name + "/receive");
    assertThat(batch.statusCode()).isEqualTo(200);
    return new JsonObject(batch.<Map<String, Object>>path("[0].meta"));
  }

  private static String tokenId(String jwt) {
    return new JsonObject(Jwts.payload(jwt)).getString("jti");
  }

  private static List<String> storedOutcomes(String messageId) throws Exception {
    try (Connection sql = relay.database().connect();
         PreparedStatement select = sql.prepareStatement(
             "select outcome from delivery_attempts where tenant_id = ? and message_id = ? order by leased_at")) {
      select.setString(1, acme.id());
      select.setLong(2, dev.inlet.relay.id.MessageId.parse(messageId).orElseThrow().value());
      List<String> outcomes = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          outcomes.add(rows.getString(1));
        }
      }
      return outcomes;
    }
  }
}
