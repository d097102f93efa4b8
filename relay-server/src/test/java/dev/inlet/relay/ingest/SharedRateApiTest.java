package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestRelay;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant's ingest rate holds across two nodes on one database: posts spread over both at several
 * times the rate get the rate accepted, not twice it (each node alone would accept its own).
 */
class SharedRateApiTest {
  static final int RATE = 50;
  static final long RUN_MILLIS = 3_000;
  static final int SENDERS = 12;
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static TestRelay other;

  @BeforeAll
  static void startTheOtherNode() {
    other = relay.startNode();
  }

  @AfterAll
  static void stopIt() {
    other.close();
  }

  @Test
  void aTenantsRateHoldsHoweverItsPostsAreSpreadOverNodes() {
    Response created = api.asOperator().body(Map.of("name", RelayExtension.uniqueName("shared-rate"),
        "ingestRatePerSecond", RATE)).post("/v1/tenants");
    String token = created.then().statusCode(201).extract().path("adminToken");
    api.createQueue(token, "q");
    String endpoint = api.createEndpoint(token, "spread", "q");
    Inbound[] nodes = {relay.inbound(), new Inbound(other.baseUrl())};
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger limited = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    long started = System.nanoTime();
    long deadline = started + RUN_MILLIS * 1_000_000;
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      senders.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; System.nanoTime() < deadline; i++) {
          // Alternately to each node, so that both see the tenant's load all the time.
          String body = "{\"s\":" + sender + ",\"i\":" + i + "}";
          HttpResponse<String> response = nodes[(sender + i) % 2].post(endpoint, body, Map.of());
          (response.statusCode() == 202 ? accepted : response.statusCode() == 429 ? limited : other).incrementAndGet();
        }
      }));
    }
    senders.forEach(CompletableFuture::join);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(other.get()).as("answers other than 202 and 429").isZero();
    assertThat(limited.get()).as("posts were over the rate").isPositive();
    // Each second of database time the tenant has RATE to spend, and the run touches at most
    // ceil(seconds) + 1 such windows (the node's own limiter allows the same one second of burst).
    // Per node, the two nodes together would have accepted about twice the upper bound.
    assertThat(accepted.get()).as("accepted in %.1f s", seconds)
        .isBetween((int) (0.8 * RATE * Math.floor(seconds)), (int) (1.2 * RATE * (Math.ceil(seconds) + 1)));
    assertThat(api.anonymous().get("/metrics").asString()).contains("inlet_ingest_budget_refills_total");
  }
}
