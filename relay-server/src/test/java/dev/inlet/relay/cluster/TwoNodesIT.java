package dev.inlet.relay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Jwts;
import dev.inlet.relay.testing.RelayProcess;
import dev.inlet.relay.testing.SseClient;
import dev.inlet.relay.testing.TestDatabase;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two relay processes (the packaged jar, forked) on one PostgreSQL behave as one: what is ingested
 * on A is delivered on B, by long poll and by stream; nack and redrive on A wake B; an ack on A frees
 * B's stream; a token revoked on either is refused on both; a replay job runs on one node; a
 * tenant's ingest rate holds across both; and
 * killing A with SIGKILL under load loses no acknowledged event while B goes on serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  @TempDir
  static Path dirs;
  static RelayProcess a;
  static RelayProcess b;
  static Api onA;
  static Api onB;
  static Api.TenantAccess acme;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String databaseUrl = TestDatabase.get().newDatabase();
    a = start("a", databaseUrl);
    b = start("b", databaseUrl);
    onA = new Api(a::baseUrl);
    onB = new Api(b::baseUrl);
    acme = onA.createTenant("acme");
  }

  @AfterAll
  static void stopThem() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private static RelayProcess start(String name, String databaseUrl) throws Exception {
    Path dataDir = Files.createDirectories(dirs.resolve(name));
    Map<String, String> settings = new HashMap<>(Map.of(
        "INLET_DATABASE_URL", databaseUrl,
        "INLET_OPERATOR_TOKEN", TestRelay.OPERATOR_TOKEN,
        "INLET_JWT_SECRET", TestRelay.JWT_SECRET,
        "INLET_SECRET_KEY", TestRelay.SECRET_KEY,
        "INLET_DATABASE_POOL_SIZE", "4",
        "INLET_HTTP_INSTANCES", "1",
        "INLET_LOG_LEVEL", "info"));
    return RelayProcess.start(dataDir, RelayProcess.freePort(), "two-nodes-" + name, settings);
  }

  @Test
  @Order(1)
  void ingestedOnADeliveredOnBByLongPollAndByStreamWithinMilliseconds() throws Exception {
    String queue = newQueue("fan");
    String endpoint = onA.createEndpoint(acme.adminToken(), queue + "-in", queue);
    Inbound inboundA = new Inbound(a.baseUrl());

    // Warm-up, untimed: each node's first requests load and compile their paths.
    for (int i = 0; i < 20; i++) {
      assertThat(inboundA.post(endpoint, "{\"warm\":" + i + "}", json()).statusCode()).isEqualTo(202);
      Response next = onB.as(acme.adminToken()).queryParam("wait", 5).get("/v1/queues/" + queue + "/next");
      assertThat(next.statusCode()).isEqualTo(200);
      ack(onB, next.header("Inlet-Meta"));
    }

    // Long polls waiting on B, each answered by an event posted to A.
    for (int i = 0; i < 5; i++) {
      CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
          () -> onB.as(acme.adminToken()).queryParam("wait", 15).get("/v1/queues/" + queue + "/next"));
      Thread.sleep(300); // lets the poll reach B and wait there; no queue time is faked
      long posted = System.nanoTime();
      assertThat(inboundA.post(endpoint, "{\"poll\":" + i + "}", json()).statusCode()).isEqualTo(202);
      Response answer = waiting.orTimeout(20, TimeUnit.SECONDS).join();
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted)).as("woken by A's commit").isLessThan(5_000);
      ack(onB, answer.header("Inlet-Meta"));
    }

    // A stream on B, fed on A at about 50 events a second, acked one by one on B (without waiting
    // for each answer: the test's client must not be what holds the stream back).
    int warmUp = 100;
    int measured = 300;
    List<CompletableFuture<HttpResponse<Void>>> acks = new ArrayList<>();
    Map<Integer, Long> postedAt = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    try (SseClient stream = SseClient.open(b.baseUrl() + "/v1/queues/" + queue + "/stream?prefetch=50",
        acme.adminToken())) {
      assertThat(stream.awaitLine(": connected", Duration.ofSeconds(10))).isTrue();
      CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
        for (int n = 0; n < warmUp + measured; n++) {
          postedAt.put(n, System.nanoTime());
          if (inboundA.post(endpoint, "{\"n\":" + n + "}", json()).statusCode() != 202) {
            throw new IllegalStateException("event " + n + " refused");
          }
          sleep(20);
        }
      });
      for (int received = 0; received < warmUp + measured; received++) {
        JsonObject message = stream.nextMessage(Duration.ofSeconds(20));
        assertThat(message).as("message " + received + " delivered").isNotNull();
        long now = System.nanoTime();
        int n = message.getJsonObject("body").getInteger("n");
        if (n >= warmUp) {
          latencies.add(TimeUnit.NANOSECONDS.toMicros(now - postedAt.get(n)));
        }
        acks.add(ackAsync(b, message.getJsonObject("meta").getString("ackUrl")));
      }
      feeding.get(60, TimeUnit.SECONDS);
      for (CompletableFuture<HttpResponse<Void>> acked : acks) {
        assertThat(acked.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
      }
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long p50 = sorted.get(sorted.size() / 2);
    long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    System.out.printf("two nodes: ingest on A -> SSE on B, %d events at ~50/s: p50 %.1f ms, p99 %.1f ms%n",
        sorted.size(), p50 / 1000.0, p99 / 1000.0);
    assertThat(sorted).hasSize(measured);
    assertThat(p99).as("p99 ingest on A to delivery on B, µs").isLessThan(100_000);
  }

  @Test
  @Order(2)
  void aNackAndARedriveOnAWakeALongPollOnB() throws Exception {
    String queue = newQueue("wake");
    String endpoint = onA.createEndpoint(acme.adminToken(), queue + "-in", queue);
    assertThat(new Inbound(a.baseUrl()).post(endpoint, "{\"n\":1}", json()).statusCode()).isEqualTo(202);

    JsonObject meta = new JsonObject(onA.as(acme.adminToken()).get("/v1/queues/" + queue + "/next").header("Inlet-Meta"));
    CompletableFuture<Response> waiting = longPoll(onB, queue);
    assertThat(onA.as(acme.adminToken()).body(Map.of("delaySeconds", 0)).post(path(meta.getString("nackUrl")))
        .statusCode()).isEqualTo(204);
    JsonObject again = deliveredSoon(waiting);
    assertThat(again.getString("messageId")).isEqualTo(meta.getString("messageId"));

    assertThat(onB.as(acme.adminToken()).body(Map.of("reason", "bad")).post(path(again.getString("rejectUrl")))
        .statusCode()).isEqualTo(204);
    waiting = longPoll(onB, queue);
    assertThat(onA.as(acme.adminToken()).post("/v1/queues/" + queue + "/redrive").statusCode()).isEqualTo(200);
    assertThat(deliveredSoon(waiting).getString("messageId")).isEqualTo(meta.getString("messageId"));
  }

  @Test
  @Order(3)
  void anAckOnAFreesTheSlotOfAStreamOnB() throws Exception {
    String queue = newQueue("slot");
    String endpoint = onA.createEndpoint(acme.adminToken(), queue + "-in", queue);
    Inbound inbound = new Inbound(a.baseUrl());
    assertThat(inbound.post(endpoint, "{\"n\":1}", json()).statusCode()).isEqualTo(202);
    assertThat(inbound.post(endpoint, "{\"n\":2}", json()).statusCode()).isEqualTo(202);
    try (SseClient stream = SseClient.open(b.baseUrl() + "/v1/queues/" + queue + "/stream?prefetch=1",
        acme.adminToken())) {
      JsonObject first = stream.nextMessage(Duration.ofSeconds(10));
      assertThat(first).isNotNull();
      assertThat(stream.nextMessage(Duration.ofMillis(300))).as("one slot, taken").isNull();
      ack(onA, first.getJsonObject("meta").encode());
      JsonObject second = stream.nextMessage(Duration.ofSeconds(5));
      assertThat(second).as("the slot freed by the ack on A").isNotNull();
      assertThat(second.getJsonObject("body").getInteger("n")).isNotEqualTo(first.getJsonObject("body").getInteger("n"));
    }
  }

  @Test
  @Order(4)
  void aTokenRevokedOnEitherNodeIsRefusedOnBothAtOnce() throws Exception {
    String queue = newQueue("revoke");
    for (Api revoker : List.of(onA, onB)) {
      String token = onA.mintToken(acme.adminToken(), List.of("consume:" + queue));
      String tokenId = new JsonObject(Jwts.payload(token)).getString("jti");
      assertThat(onA.as(token).get("/v1/queues/" + queue + "/next").statusCode()).isEqualTo(204);
      assertThat(onB.as(token).get("/v1/queues/" + queue + "/next").statusCode()).isEqualTo(204);
      Api other = revoker == onA ? onB : onA;
      String otherUrl = revoker == onA ? b.baseUrl() : a.baseUrl();
      try (SseClient stream = SseClient.open(otherUrl + "/v1/queues/" + queue + "/stream", token)) {
        assertThat(stream.awaitLine(": connected", Duration.ofSeconds(10))).isTrue();
        revoker.as(acme.adminToken()).delete("/v1/tokens/" + tokenId).then().statusCode(204);
        assertThat(onA.as(token).get("/v1/queues/" + queue + "/next").statusCode()).isEqualTo(401);
        assertThat(onB.as(token).get("/v1/queues/" + queue + "/next").statusCode()).isEqualTo(401);
        assertThat(other.as(token).get("/v1/queues/" + queue + "/next").statusCode()).isEqualTo(401);
        assertThat(stream.awaitEnd(Duration.ofSeconds(3))).as("the other node's stream of the token ended").isTrue();
      }
    }
  }

  @Test
  @Order(5)
  void aReplayJobRunsOnExactlyOneNode() throws Exception {
    String queue = newQueue("replay");
    String endpoint = onA.createEndpoint(acme.adminToken(), queue + "-in", queue);
    Instant from = Instant.now().minusSeconds(5);
    for (int n = 0; n < 20; n++) {
      Inbound node = new Inbound(n % 2 == 0 ? a.baseUrl() : b.baseUrl());
      assertThat(node.post(endpoint, "{\"n\":" + n + "}", json()).statusCode()).isEqualTo(202);
    }
    assertThat(onA.as(acme.adminToken()).delete("/v1/queues/" + queue + "/messages?state=ready").statusCode())
        .isEqualTo(200);
    Response created = onA.as(acme.adminToken())
        .body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(5).toString()))
        .post("/v1/queues/" + queue + "/replays");
    assertThat(created.statusCode()).isEqualTo(202);
    String job = created.path("id");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(onB.as(acme.adminToken()).get("/v1/replays/" + job).<String>path("state")).isEqualTo("done"));
    assertThat(onB.as(acme.adminToken()).get("/v1/replays/" + job).<Integer>path("done")).isEqualTo(20);
    assertThat(onB.as(acme.adminToken()).get("/v1/queues/" + queue).<Integer>path("stats.ready")).isEqualTo(20);
    int ranOn = 0;
    for (String node : List.of("a", "b")) {
      if (Files.readString(RelayProcess.logFile("two-nodes-" + node)).contains("Replay " + job + " into queue")) {
        ranOn++;
      }
    }
    assertThat(ranOn).as("nodes that ran the job").isEqualTo(1);
  }

  @Test
  @Order(6)
  void aTenantsIngestRateHoldsAcrossBothNodes() {
    int rate = 50;
    Response created = onA.asOperator().body(Map.of("name", "rated", "ingestRatePerSecond", rate)).post("/v1/tenants");
    String token = created.then().statusCode(201).extract().path("adminToken");
    onA.createQueue(token, "rated");
    String endpoint = onA.createEndpoint(token, "rated-in", "rated");
    Inbound[] nodes = {new Inbound(a.baseUrl()), new Inbound(b.baseUrl())};
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger limited = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(3);
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      int sender = s;
      senders.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; System.nanoTime() < deadline; i++) {
          String body = "{\"s\":" + sender + ",\"i\":" + i + "}";
          HttpResponse<String> answer = nodes[(sender + i) % 2].post(endpoint, body, json());
          (answer.statusCode() == 202 ? accepted : answer.statusCode() == 429 ? limited : other).incrementAndGet();
        }
      }));
    }
    senders.forEach(CompletableFuture::join);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(other.get()).as("answers other than 202 and 429").isZero();
    assertThat(limited.get()).as("posts over the rate").isPositive();
    // Each second of database time has the rate to spend; the run touches at most ceil(s) + 1 of them.
    assertThat(accepted.get()).as("accepted in %.1f s over two nodes", seconds)
        .isBetween((int) (0.8 * rate * Math.floor(seconds)), (int) (1.2 * rate * (Math.ceil(seconds) + 1)));
  }

  @Test
  @Order(7)
  void killingANodeUnderLoadLosesNoAcknowledgedEventAndTheOtherGoesOn() throws Exception {
    String queue = newQueue("kill");
    String endpoint = onA.createEndpoint(acme.adminToken(), queue + "-in", queue);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger acceptedByBAfterKill = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Pattern eventId = Pattern.compile("\"eventId\"\\s*:\\s*\"(evt_[^\"]+)\"");
    ExecutorService load = Executors.newFixedThreadPool(4);
    List<CompletableFuture<Void>> posters = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      posters.add(CompletableFuture.runAsync(() -> {
        Inbound inbound = new Inbound(thread % 2 == 0 ? a.baseUrl() : b.baseUrl());
        boolean toB = thread % 2 == 1;
        for (int n = 0; !stop.get() && n < 5_000; n++) {
          try {
            HttpResponse<String> answer = inbound.post(endpoint, "{\"t\":" + thread + ",\"n\":" + n + "}", json());
            if (answer.statusCode() == 202) {
              Matcher id = eventId.matcher(answer.body());
              if (id.find()) {
                acknowledged.add(id.group(1));
              }
              if (toB && killed.get()) {
                acceptedByBAfterKill.incrementAndGet();
              }
            }
          } catch (Exception refusedOrCutOff) {
            // A's connections die with it: those events were never acknowledged.
            if (!toB) {
              sleep(20);
            }
          }
        }
      }, load));
    }
    Thread.sleep(2_000);
    a.kill();
    killed.set(true);
    Thread.sleep(2_000);
    stop.set(true);
    CompletableFuture.allOf(posters.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    load.shutdown();

    assertThat(acknowledged).hasSizeGreaterThan(50);
    assertThat(acceptedByBAfterKill.get()).as("B accepted webhooks after A died").isGreaterThan(10);
    Set<String> delivered = new HashSet<>();
    while (true) {
      Response page = onB.as(acme.adminToken()).body(Map.of("max", 100, "wait", 0))
          .post("/v1/queues/" + queue + "/receive");
      assertThat(page.statusCode()).isEqualTo(200);
      List<Map<String, Object>> items = page.jsonPath().getList("$");
      if (items.isEmpty()) {
        break;
      }
      List<Map<String, String>> acks = new ArrayList<>();
      for (Map<String, Object> item : items) {
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) item.get("meta");
        delivered.add((String) meta.get("eventId"));
        acks.add(Map.of("id", (String) meta.get("messageId"),
            "lease", ((String) meta.get("ackUrl")).replaceFirst(".*lease=", "")));
      }
      assertThat(onB.as(acme.adminToken()).body(Map.of("items", acks)).post("/v1/queues/" + queue + "/ack")
          .statusCode()).isEqualTo(200);
    }
    assertThat(delivered).as("every acknowledged event is queued").containsAll(acknowledged);
  }

  private static String newQueue(String prefix) {
    String name = prefix + "-" + System.nanoTime() % 100_000;
    onA.createQueue(acme.adminToken(), name);
    return name;
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  /** The path of a link the relay gave (whichever node's public URL it names). */
  private static String path(String url) {
    return url.replaceFirst("^https?://[^/]+", "");
  }

  private static void ack(Api node, String metaJson) {
    String ackUrl = new JsonObject(metaJson).getString("ackUrl");
    assertThat(node.as(acme.adminToken()).post(path(ackUrl)).statusCode()).isEqualTo(204);
  }

  private static CompletableFuture<HttpResponse<Void>> ackAsync(RelayProcess node, String ackUrl) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path(ackUrl)))
        .header("Authorization", "Bearer " + acme.adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding());
  }

  private static CompletableFuture<Response> longPoll(Api node, String queue) {
    CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
        () -> node.as(acme.adminToken()).queryParam("wait", 15).get("/v1/queues/" + queue + "/next"));
    sleep(500); // lets the request reach the node and wait there
    assertThat(waiting).as("nothing is visible yet").isNotDone();
    return waiting;
  }

  private static JsonObject deliveredSoon(CompletableFuture<Response> waiting) {
    long started = System.nanoTime();
    Response answer = waiting.orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
        .as("woken by the other node, not by the poll's own end").isLessThan(8_000);
    return new JsonObject(answer.header("Inlet-Meta"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
