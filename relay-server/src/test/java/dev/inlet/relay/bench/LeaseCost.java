package dev.inlet.relay.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What one {@code next} + single ack costs over HTTP with a given backlog behind it: one client,
 * one call at a time. After each timed pair one message is put back at the tail (untimed), so the
 * backlog stays at its size while the head keeps moving, as in a queue in steady state.
 */
final class LeaseCost {
  static final int BODY_BYTES = 128;
  private static final Duration FILL_CAP = Duration.ofSeconds(Long.getLong("bench.fillCapSeconds", 60));

  /** {@code backlog}: messages actually in the queue (the fill may stop at its cap). */
  record Result(String name, long backlog, long calls, long failed, double p50Millis, double p99Millis) {}

  private LeaseCost() {}

  static Result run(String databaseUrl, long size, Duration warmUp, Duration measured) throws Exception {
    try (RelayTarget relay = RelayTarget.start(databaseUrl, Map.of());
         Backlog backlog = new Backlog(databaseUrl, relay.endpointId(), Backlog.body(BODY_BYTES))) {
      long filled = backlog.add(size, FILL_CAP);
      backlog.analyze();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + relay.port();
      HttpRequest next = HttpRequest.newBuilder(URI.create(base + "/v1/queues/bench/next"))
          .header("Authorization", "Bearer " + relay.adminToken()).GET().build();
      Latencies latencies = new Latencies();
      long failed = 0;
      long start = System.nanoTime();
      long measureFrom = start + warmUp.toNanos();
      long end = measureFrom + measured.toNanos();
      while (System.nanoTime() < end && failed < 1_000) {
        long t0 = System.nanoTime();
        boolean ok = leaseAndAck(http, next, base, relay.adminToken());
        long t1 = System.nanoTime();
        if (!ok) {
          failed++;
        } else if (t0 >= measureFrom) {
          latencies.record(t1 - t0);
        }
        backlog.add(1, FILL_CAP);
      }
      return new Result("next + ack, one at a time, backlog " + filled, filled, latencies.count(), failed,
          latencies.percentileMillis(0.50), latencies.percentileMillis(0.99));
    }
  }

  private static boolean leaseAndAck(HttpClient http, HttpRequest next, String base, String token) throws Exception {
    HttpResponse<byte[]> leased = http.send(next, HttpResponse.BodyHandlers.ofByteArray());
    if (leased.statusCode() != 200) {
      return false;
    }
    JsonObject meta = new JsonObject(leased.headers().firstValue("Inlet-Meta").orElseThrow());
    HttpRequest ack = HttpRequest.newBuilder(URI.create(base + ConsumerLoad.pathOf(meta.getString("ackUrl"))))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.send(ack, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
  }
}
