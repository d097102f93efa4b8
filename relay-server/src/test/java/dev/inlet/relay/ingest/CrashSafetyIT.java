package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayProcess;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing acknowledged is ever lost: kill -9 the relay under ingest load, restart, count. */
class CrashSafetyIT {
  private static final int SENDERS = 16;

  @TempDir
  Path dataDir;

  @Test
  void everyEventThatGot2xxBeforeTheKillIsThereAfterTheRestart() throws Exception {
    int port = RelayProcess.freePort();
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    String adminToken;
    String endpoint;
    try (RelayProcess relay = RelayProcess.start(dataDir, port, "crash-safety-first")) {
      String operator = Files.readString(dataDir.resolve("operator-token")).trim();
      adminToken = new JsonObject(relay.post("/v1/tenants", operator, "{\"name\":\"crash\"}").body())
          .getString("adminToken");
      assertThat(relay.post("/v1/queues", adminToken, "{\"name\":\"q\"}").statusCode()).isEqualTo(201);
      endpoint = new JsonObject(relay.post("/v1/endpoints", adminToken,
          "{\"name\":\"ep\",\"verification\":{\"scheme\":\"none\"},\"routes\":[{\"queue\":\"q\"}]}").body())
          .getString("id");

      Inbound inbound = new Inbound(relay.baseUrl());
      AtomicInteger sequence = new AtomicInteger();
      List<CompletableFuture<Void>> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        senders.add(CompletableFuture.runAsync(() -> send(inbound, endpoint, sequence, acknowledged)));
      }
      while (acknowledged.size() < 300) {
        Thread.sleep(10);
      }
      relay.kill();
      senders.forEach(CompletableFuture::join);
    }

    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
    try (RelayProcess relay = RelayProcess.start(dataDir, port, "crash-safety-second")) {
      List<String> missing = new ArrayList<>();
      for (String eventId : acknowledged) {
        if (relay.get("/v1/events/" + eventId, adminToken).statusCode() != 200) {
          missing.add(eventId);
        }
      }
      assertThat(missing).as("acknowledged events missing after the restart").isEmpty();
      JsonObject queue = new JsonObject(relay.get("/v1/queues/q", adminToken).body());
      assertThat(queue.getJsonObject("stats").getLong("ready")).isGreaterThanOrEqualTo(acknowledged.size());
    }
  }

  /** Posts until the relay stops answering; keeps the id of every 2xx. */
  private static void send(Inbound inbound, String endpoint, AtomicInteger sequence, Queue<String> acknowledged) {
    for (int i = 0; i < 100_000; i++) {
      HttpResponse<String> response;
      try {
        response = inbound.send(inbound.request(endpoint, "{\"seq\":" + sequence.incrementAndGet() + "}", Map.of()))
            .join();
      } catch (RuntimeException relayGone) {
        return;
      }
      if (response.statusCode() / 100 == 2) {
        acknowledged.add(new JsonObject(response.body()).getString("eventId"));
      }
    }
  }
}
