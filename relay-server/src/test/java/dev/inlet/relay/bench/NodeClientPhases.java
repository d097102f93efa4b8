package dev.inlet.relay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The consumption benchmark's phases with a client that is not ours, against the packaged relay
 * forked cold: Node's {@code eventsource} reading the stream and acking each message with fetch.
 * <ul>
 *   <li><b>latency</b>: from the moment the relay is ready, events are ingested open loop at 1,000/s
 *       for 30 s; ingest → delivery p50/p99 in the first 10 s (cold) and in the 20 s after;</li>
 *   <li><b>cpu</b>: relay + PostgreSQL CPU time (/proc) per event ingested (10 s at 1,000/s, nobody
 *       consuming), then per event delivered over SSE and acked one by one (the Node client drains
 *       what was ingested, nobody ingesting).</li>
 * </ul>
 */
final class NodeClientPhases {
  static final double RATE = 1_000;
  private static final Duration COLD = Duration.ofSeconds(10);
  private static final Duration LATENCY_RUN = Duration.ofSeconds(30);
  private static final Duration CPU_INGEST = Duration.ofSeconds(10);
  private static final Duration DRAIN_CAP = Duration.ofSeconds(60);

  private NodeClientPhases() {}

  record Latency(long expected, long ingestFailed, NodeSseConsumer.Seen seen) {}

  record Cpu(long ingested, double ingestSeconds, long delivered, double deliverSeconds, long ackFailed) {
    double ingestMillisPerEvent() {
      return ingestSeconds * 1000 / ingested;
    }

    double deliverMillisPerEvent() {
      return deliverSeconds * 1000 / delivered;
    }
  }

  static Latency latency(BenchDatabase database, Payload payload) throws Exception {
    Path dirs = Files.createTempDirectory("inlet-bench-node");
    try (ForkedRelay relay = ForkedRelay.start(dirs, "node-latency", database.newDatabase("node_latency"))) {
      long ready = System.nanoTime();
      ForkedRelay.Setup setup = relay.setUp();
      long expected;
      PhaseResult ingest;
      try (NodeSseConsumer node = new NodeSseConsumer(relay.baseUrl() + "/v1/queues/bench/stream?prefetch="
          + SseLatency.PREFETCH, setup.adminToken(), ready, COLD.toNanos());
           LoadGenerator load = new LoadGenerator(payload, relay.port(), setup.endpointId())) {
        long[] scheduled = {0};
        ingest = load.openLoop("ingest", RATE, Duration.ZERO, LATENCY_RUN, (eventId, due) -> {
          scheduled[0]++;
          node.scheduled(eventId, due);
        });
        expected = scheduled[0];
        waitFor(node, expected - ingest.failed());
        return new Latency(expected, ingest.failed(), node.seen());
      }
    }
  }

  static Cpu cpu(BenchDatabase database, Payload payload) throws Exception {
    Path dirs = Files.createTempDirectory("inlet-bench-cpu");
    long postmaster = database.postmasterPid();
    try (ForkedRelay relay = ForkedRelay.start(dirs, "node-cpu", database.newDatabase("node_cpu"))) {
      ForkedRelay.Setup setup = relay.setUp();
      String stream = relay.baseUrl() + "/v1/queues/bench/stream?prefetch=" + SseLatency.PREFETCH;
      try (LoadGenerator load = new LoadGenerator(payload, relay.port(), setup.endpointId())) {
        // Warm both paths first (the relay is cold), then start from an empty queue.
        try (NodeSseConsumer warm = new NodeSseConsumer(stream, setup.adminToken(), System.nanoTime(), 0)) {
          load.openLoop("warm-up", RATE, Duration.ZERO, Duration.ofSeconds(10), warm::scheduled);
          Thread.sleep(2_000);
        }
        relay.purge(setup);
        // Autovacuum cleans up after the purge (its naptime is 1 s): not the ingest phase's cost.
        Thread.sleep(5_000);

        double before = used(relay, postmaster);
        PhaseResult ingest = load.openLoop("ingest only", RATE, Duration.ZERO, CPU_INGEST);
        Thread.sleep(500); // the last commits, and the relay's periodic work, land in this phase
        double ingested = used(relay, postmaster);
        long accepted = Math.round(ingest.eventsPerSecond() * CPU_INGEST.toSeconds());

        try (NodeSseConsumer node = new NodeSseConsumer(stream, setup.adminToken(), System.nanoTime(), 0)) {
          waitUntilDrained(relay, setup);
          Thread.sleep(500);
          double delivered = used(relay, postmaster);
          NodeSseConsumer.Seen seen = node.seen();
          return new Cpu(accepted, ingested - before, accepted, delivered - ingested, seen.ackFailed());
        }
      }
    }
  }

  private static double used(ForkedRelay relay, long postmaster) {
    return ProcessCpu.seconds(relay.pid()) + ProcessCpu.postgresSeconds(postmaster);
  }

  private static void waitFor(NodeSseConsumer node, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (node.received() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** Until the queue has nothing ready or leased: every message delivered and acked. */
  private static void waitUntilDrained(ForkedRelay relay, ForkedRelay.Setup setup) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_CAP.toNanos();
    while (System.nanoTime() < deadline) {
      io.restassured.response.Response queue = relay.api().as(setup.adminToken()).get("/v1/queues/bench");
      int left = queue.<Integer>path("stats.ready") + queue.<Integer>path("stats.leased");
      if (left == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the Node client did not drain the queue within " + DRAIN_CAP);
  }
}
