package dev.inlet.relay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What being two costs: the packaged relay forked as one process, then as two processes on one
 * PostgreSQL, under the same closed-loop ingest load (split across the two), and the latency of an
 * event ingested on one node to its delivery over SSE on the other, beside the same on one node.
 * On a 2-core machine two nodes are not faster; the ratios say how much slower. {@code
 * -Dbench.main=twonode}; needs the packaged jar ({@code verify} builds it first).
 */
final class TwoNodeBenchmark {
  /** Longer than the ingest benchmark's: every phase here starts freshly forked, cold JVMs. */
  private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 10));
  private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.measuredSeconds", 8));
  private static final double SSE_RATE = Double.parseDouble(System.getProperty("bench.sseRate", "500"));

  private TwoNodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Payload payload = new Payload();
    Path dirs = Files.createTempDirectory("inlet-bench-nodes");
    try (BenchDatabase database = BenchDatabase.start()) {
      Machine machine = Machine.describe(database.describe());
      PhaseResult one;
      SseConsumer.Seen oneSse;
      String oneUrl = database.newDatabase("bench_one_node");
      try (ForkedRelay a = ForkedRelay.start(dirs, "one-a", oneUrl)) {
        ForkedRelay.Setup setup = a.setUp();
        one = closedLoop("One node, closed loop, " + LoadGenerator.IN_FLIGHT + " in flight", payload, setup,
            List.of(a.port()));
        log(one);
        a.purge(setup);
        oneSse = sse(payload, setup, a.port(), a.port());
        System.out.printf("bench: one node, ingest → SSE at %.0f/s: p50 %.1f ms, p99 %.1f ms%n", SSE_RATE,
            oneSse.p50Millis(), oneSse.p99Millis());
      }
      PhaseResult two;
      SseConsumer.Seen crossSse;
      String twoUrl = database.newDatabase("bench_two_nodes");
      try (ForkedRelay a = ForkedRelay.start(dirs, "two-a", twoUrl);
           ForkedRelay b = ForkedRelay.start(dirs, "two-b", twoUrl)) {
        ForkedRelay.Setup setup = a.setUp();
        two = closedLoop("Two nodes, closed loop, " + LoadGenerator.IN_FLIGHT / 2 + " in flight on each", payload,
            setup, List.of(a.port(), b.port()));
        log(two);
        a.purge(setup);
        crossSse = sse(payload, setup, a.port(), b.port());
        System.out.printf("bench: two nodes, ingest on A → SSE on B at %.0f/s: p50 %.1f ms, p99 %.1f ms%n", SSE_RATE,
            crossSse.p50Millis(), crossSse.p99Millis());
      }
      System.out.println();
      System.out.println(report(machine, one, two, oneSse, crossSse));
    }
  }

  /** The usual closed-loop load, split evenly over {@code ports}; the phases' sum. */
  private static PhaseResult closedLoop(String name, Payload payload, ForkedRelay.Setup setup, List<Integer> ports)
      throws Exception {
    int share = ports.size();
    List<LoadGenerator> loads = ports.stream().map(port -> new LoadGenerator(payload, port, setup.endpointId(),
        LoadGenerator.CONNECTIONS / share, LoadGenerator.IN_FLIGHT / share)).toList();
    try {
      List<CompletableFuture<PhaseResult>> running = loads.stream().map(load -> CompletableFuture.supplyAsync(() -> {
        try {
          return load.closedLoop(name, WARM_UP, MEASURED);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      })).toList();
      double rate = 0;
      long failed = 0;
      double p50 = 0;
      double p99 = 0;
      for (CompletableFuture<PhaseResult> phase : running) {
        PhaseResult result = phase.get();
        rate += result.eventsPerSecond();
        failed += result.failed();
        p50 = Math.max(p50, result.p50Millis());
        p99 = Math.max(p99, result.p99Millis());
      }
      return new PhaseResult(name, rate, failed, p50, p99);
    } finally {
      for (LoadGenerator load : loads) {
        load.close();
      }
    }
  }

  /** Open-loop ingest at {@link #SSE_RATE} on {@code ingestPort}, one SSE consumer (REST ack each) on {@code streamPort}. */
  private static SseConsumer.Seen sse(Payload payload, ForkedRelay.Setup setup, int ingestPort, int streamPort)
      throws Exception {
    SseLatency.Result result = SseLatency.measure(payload, ingestPort, streamPort, setup.endpointId(),
        setup.adminToken(), SSE_RATE, WARM_UP, MEASURED);
    if (result.seen().received() < result.expected() - result.ingestFailed()) {
      System.out.printf("bench: the SSE consumer saw %d of %d events%n", result.seen().received(), result.expected());
    }
    return result.seen();
  }

  static String report(Machine machine, PhaseResult one, PhaseResult two, SseConsumer.Seen oneSse,
      SseConsumer.Seen crossSse) {
    StringBuilder out = new StringBuilder();
    out.append("## Two nodes on one PostgreSQL\n\n- machine: ").append(machine.processors()).append(" CPUs (nproc), ")
        .append(machine.cpuModel()).append("\n- JVM: ").append(machine.jvm()).append("\n- PostgreSQL: ")
        .append(machine.postgres()).append("\n\n");
    out.append("| phase | events/s | failed | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|\n");
    for (PhaseResult phase : List.of(one, two)) {
      out.append(String.format("| %s | %.0f | %d | %.2f | %.2f |%n", phase.name(), phase.eventsPerSecond(),
          phase.failed(), phase.p50Millis(), phase.p99Millis()));
    }
    out.append(String.format("%n| measure | value |%n|---|---:|%n"));
    out.append(String.format("| ingest, two nodes ÷ one node | %.2f× |%n", two.eventsPerSecond() / one.eventsPerSecond()));
    out.append(String.format("| ingest → SSE p99 at %.0f/s, one node | %.1f ms |%n", SSE_RATE, oneSse.p99Millis()));
    out.append(String.format("| ingest on A → SSE on B p99 at %.0f/s | %.1f ms |%n", SSE_RATE, crossSse.p99Millis()));
    return out.toString();
  }

  private static void log(PhaseResult result) {
    System.out.printf("bench: %s: %.0f events/s, %d failed, p50 %.2f ms, p99 %.2f ms%n", result.name(),
        result.eventsPerSecond(), result.failed(), result.p50Millis(), result.p99Millis());
  }
}
