package dev.inlet.relay.bench;

import dev.inlet.relay.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One tenant floods its endpoint with 512 KB bodies whose signatures are wrong, on 48 connections;
 * another tenant posts signed 1 KB events at 50/s on the same relay. What the second sees, with and
 * without the flood, is the fairness figure: the flood must cost the relay headers, not the other
 * tenant's latency. {@code -Dbench.main=fairness}; docs/benchmarks.md records the figures.
 */
final class FairnessBenchmark {
  static final int FLOOD_CONNECTIONS = 48;
  static final int FLOOD_BODY_BYTES = 512 * 1024;
  static final int VICTIM_RATE = 50;
  private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 3));
  private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.measuredSeconds", 10));

  private FairnessBenchmark() {}

  static void main(String[] args) throws Exception {
    Payload payload = new Payload();
    try (BenchDatabase database = BenchDatabase.start();
         RelayTarget relay = RelayTarget.start(database.newDatabase("bench_fairness"), Map.of())) {
      Machine machine = Machine.describe(database.describe());
      String base = "http://127.0.0.1:" + relay.port();
      String flooded = floodEndpoint(base);
      Victim quiet = victim(base, relay.endpointId(), payload, WARM_UP.plus(MEASURED));
      Flood flood = new Flood(base, flooded);
      Victim loud;
      try {
        flood.start();
        Thread.sleep(WARM_UP.toMillis());
        loud = victim(base, relay.endpointId(), payload, MEASURED);
      } finally {
        flood.stop();
      }
      System.out.println();
      System.out.println("### Fairness — " + machine.processors() + " cores, " + machine.cpuModel() + ", " + machine.jvm()
          + ", " + machine.postgres());
      System.out.println();
      System.out.println("| phase | victim sent | victim failed | victim p50 ms | victim p99 ms | flood requests/s | flood answers |");
      System.out.println("|---|---:|---:|---:|---:|---:|---|");
      System.out.println(row("Victim alone, 50/s signed 1 KB", quiet, null));
      System.out.println(row("Victim during the flood (48 connections, 512 KB, bad signatures)", loud, flood));
      System.out.println();
      System.out.println("| measure | value | target | met |");
      System.out.println("|---|---:|---|---|");
      double p99 = loud.latencies().percentileMillis(0.99);
      System.out.printf("| victim p99 during the flood | %.1f ms | ≤ 100 ms | %s |%n", p99, p99 <= 100 ? "yes" : "**no**");
      System.out.printf("| victim failures during the flood | %d | 0 | %s |%n", loud.failed(),
          loud.failed() == 0 ? "yes" : "**no**");
    }
  }

  private static String row(String name, Victim victim, Flood flood) {
    return String.format("| %s | %d | %d | %.1f | %.1f | %s | %s |", name, victim.sent(), victim.failed(),
        victim.latencies().percentileMillis(0.5), victim.latencies().percentileMillis(0.99),
        flood == null ? "–" : String.format("%.0f", flood.requests.sum() / flood.seconds()),
        flood == null ? "–" : flood.statuses.toString());
  }

  /** A tenant of its own, whose endpoint the flood posts to. */
  private static String floodEndpoint(String base) {
    Api api = new Api(() -> base);
    Api.TenantAccess tenant = api.createTenant("flood");
    api.createQueue(tenant.adminToken(), "flood");
    return api.as(tenant.adminToken()).body(Map.of("name", "flood",
            "verification", Map.of("scheme", "hmac", "header", Payload.SIGNATURE_HEADER, "secrets",
                List.of("the-flood-does-not-know-this")),
            "routes", List.of(Map.of("queue", "flood"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }

  record Victim(int sent, int failed, Latencies latencies) {}

  /** Signed events at {@link #VICTIM_RATE} per second, each timed from send to answer. */
  private static Victim victim(String base, String endpoint, Payload payload, Duration length) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Latencies latencies = new Latencies();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    int total = (int) (length.toSeconds() * VICTIM_RATE);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * 1_000_000_000L / VICTIM_RATE;
      long now = System.nanoTime();
      if (due > now) {
        TimeUnit.NANOSECONDS.sleep(due - now);
      }
      senders.submit(() -> {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/in/" + endpoint))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .header(Payload.SIGNATURE_HEADER, payload.signature()).header(Payload.EVENT_ID_HEADER, payload.nextEventId())
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body())).build();
        long sent = System.nanoTime();
        try {
          int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          synchronized (latencies) {
            latencies.record(System.nanoTime() - sent);
          }
          if (status != 202) {
            failed.incrementAndGet();
          }
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      });
    }
    senders.shutdown();
    senders.awaitTermination(60, TimeUnit.SECONDS);
    return new Victim(total, failed.get(), latencies);
  }

  /** 48 connections posting 512 KB with a wrong signature, as fast as the relay answers. */
  private static final class Flood {
    private final String url;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder requests = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(FLOOD_CONNECTIONS);
    private final byte[] body = ("{\"pad\":\"" + "z".repeat(FLOOD_BODY_BYTES - 10) + "\"}").getBytes();
    private long startedNanos;
    private long stoppedNanos;

    Flood(String base, String endpoint) {
      this.url = base + "/in/" + endpoint;
    }

    void start() {
      startedNanos = System.nanoTime();
      for (int c = 0; c < FLOOD_CONNECTIONS; c++) {
        threads.submit(this::loop);
      }
    }

    private void loop() {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      while (running.get()) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").header(Payload.SIGNATURE_HEADER, "00".repeat(32))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        try {
          status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
          status = -1;
        }
        requests.increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      stoppedNanos = System.nanoTime();
      threads.shutdown();
      threads.awaitTermination(60, TimeUnit.SECONDS);
    }

    double seconds() {
      return (stoppedNanos - startedNanos) / 1e9;
    }
  }
}
