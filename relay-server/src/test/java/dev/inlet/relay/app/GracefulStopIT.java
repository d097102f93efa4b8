package dev.inlet.relay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy: SIGTERM to the packaged relay while 32 keep-alive clients post, a long poll waits and an
 * SSE stream is open. Every request the relay read is answered, every 2xx survives the restart, the
 * long poll gets its 204, the stream ends cleanly, and the process is gone within its timeout.
 */
class GracefulStopIT {
  private static final int CLIENTS = 32;
  private static final int SHUTDOWN_TIMEOUT_SECONDS = 20;

  @TempDir
  Path dataDir;

  @Test
  @SuppressWarnings("try") // the restarted relay is only held open while the events are counted
  void sigtermUnderIngestLoadAnswersEveryRequestItReadAndLosesNothing() throws Exception {
    int port = RelayProcess.freePort();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger refusedWith503 = new AtomicInteger();
    AtomicInteger otherStatuses = new AtomicInteger();
    List<String> clientErrors = new ArrayList<>();
    String endpoint;
    RelayProcess relay = RelayProcess.start(dataDir, port, "graceful-stop",
        Map.of("INLET_SHUTDOWN_TIMEOUT_SECONDS", Integer.toString(SHUTDOWN_TIMEOUT_SECONDS)));
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
    try {
      String operator = Files.readString(dataDir.resolve("operator-token")).trim();
      String admin = new JsonObject(relay.post("/v1/tenants", operator, "{\"name\":\"deploys\"}").body())
          .getString("adminToken");
      assertThat(relay.post("/v1/queues", admin, "{\"name\":\"orders\"}").statusCode()).isEqualTo(201);
      endpoint = new JsonObject(relay.post("/v1/endpoints", admin,
          "{\"name\":\"shop\",\"verification\":{\"scheme\":\"none\"},\"routes\":[{\"queue\":\"orders\"}]}").body())
          .getString("id");
      assertThat(relay.post("/v1/queues", admin, "{\"name\":\"quiet\"}").statusCode()).isEqualTo(201);

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(
          HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/v1/queues/quiet/next?wait=20"))
              .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
      CompletableFuture<String> stream = CompletableFuture.supplyAsync(() -> readStream(http, relay, admin), pool);

      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch warm = new CountDownLatch(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        pool.submit(() -> post(relay.baseUrl(), endpoint, client, stop, warm, acknowledged, refusedWith503,
            otherStatuses, clientErrors));
      }
      assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(500);
      long signalled = System.nanoTime();
      relay.process().destroy();
      assertThat(relay.process().waitFor(SHUTDOWN_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS))
          .as("the relay exits within its shutdown timeout").isTrue();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      assertThat(tookMillis).isLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000L);
      assertThat(longPoll.get(5, TimeUnit.SECONDS).statusCode()).as("the waiting long poll").isEqualTo(204);
      assertThat(stream.get(5, TimeUnit.SECONDS)).as("the stream ends cleanly").isEqualTo("ended");
      String log = Files.readString(RelayProcess.logFile("graceful-stop"));
      assertThat(log).contains("0 request(s) unanswered, 0 connection(s) closed before their answer");
      assertThat(acknowledged).hasSizeGreaterThan(CLIENTS);
      assertThat(otherStatuses.get()).as("answers other than 202 or 503").isZero();
    } finally {
      pool.shutdownNow();
      relay.close();
    }

    try (RelayProcess again = RelayProcess.start(dataDir, port, "graceful-stop-again")) {
      assertThat(storedEvents(acknowledged)).as("events acknowledged before the stop").isEqualTo(acknowledged.size());
    }
  }

  /** Posts in a loop on one keep-alive connection (and a new one when that closes) until told to stop. */
  private static void post(String baseUrl, String endpoint, int client, AtomicBoolean stop, CountDownLatch warm,
      Set<String> acknowledged, AtomicInteger refusedWith503, AtomicInteger otherStatuses, List<String> errors) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    boolean counted = false;
    for (int i = 0; !stop.get(); i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/in/" + endpoint))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"client\":" + client + ",\"n\":" + i + "}")).build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
          acknowledged.add(new JsonObject(response.body()).getString("eventId"));
        } else if (response.statusCode() == 503) {
          refusedWith503.incrementAndGet();
        } else {
          otherStatuses.incrementAndGet();
        }
      } catch (IOException unread) {
        // The relay stopped accepting connections: this request was never read. Try once more later.
        synchronized (errors) {
          errors.add(unread.toString());
        }
        sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!counted) {
        counted = true;
        warm.countDown();
      }
    }
  }

  /** Reads an SSE stream to its end: "ended" when the relay closed it cleanly, else what went wrong. */
  private static String readStream(HttpClient http, RelayProcess relay, String token) {
    try {
      HttpResponse<InputStream> response = http.send(
          HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/v1/queues/quiet/stream"))
              .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        body.readAllBytes();
      }
      return "ended";
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private int storedEvents(Set<String> ids) throws Exception {
    List<String> lines = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
    String url = "jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
         PreparedStatement query = connection.prepareStatement("select count(*) from events where id = any(?)")) {
      query.setArray(1, connection.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
