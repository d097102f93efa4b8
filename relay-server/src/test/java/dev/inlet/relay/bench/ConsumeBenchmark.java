package dev.inlet.relay.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumption benchmark: draining a backlog (receive + batch ack, next + single ack, and the
 * same LEASE/ACK statements straight on the database), ingest → SSE latency at a steady rate, and
 * what a lease costs with a small and a large backlog. Each phase on a fresh database of one
 * embedded PostgreSQL. Run with {@code mvn -B -Pbench -pl relay-server verify -DskipTests
 * -Dbench.main=consume}; docs/benchmarks.md explains the figures.
 */
public final class ConsumeBenchmark {
  static final int BACKLOG = 100_000;
  static final int WARM_UP_MESSAGES = 5_000;
  private static final Duration FILL_CAP = Duration.ofSeconds(60);
  private static final Duration DRAIN_CAP = Duration.ofSeconds(30);
  private static final Duration NEXT_CAP = Duration.ofSeconds(15);
  private static final int WRK_CONSUMERS = Integer.getInteger("bench.wrkConsumers", 16);
  /**
   * Long enough for the JIT: the ingest path is not warm when this phase starts (the drains fill
   * their backlogs with SQL), and with 2 s C2 was still compiling on both cores while it measured.
   */
  private static final Duration SSE_WARM_UP = Duration.ofSeconds(10);
  private static final Duration SQL_ONE_CAP = Duration.ofSeconds(10);
  private static final Set<String> PHASES = Set.of(System.getProperty("bench.phases", "drain,sse,lease,node,cpu").split(","));
  private static final long LARGE_BACKLOG = Long.getLong("bench.largeBacklog", 1_000_000);

  private ConsumeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Payload payload = new Payload();
    try (BenchDatabase database = BenchDatabase.start()) {
      Machine machine = Machine.describe(database.describe());
      List<DrainResult> drains = new ArrayList<>();
      if (phase("drain", "receive")) {
        drains.add(overHttp(database.newDatabase("drain_receive"), payload, 4, true));
      }
      if (phase("drain", "next")) {
        drains.add(overHttp(database.newDatabase("drain_next"), payload, 8, false));
      }
      if (phase("drain", "sql")) {
        drains.add(onDatabase(database.newDatabase("drain_sql_batch"), payload, 50, DRAIN_CAP));
        drains.add(onDatabase(database.newDatabase("drain_sql_one"), payload, 1, SQL_ONE_CAP));
      }
      SseLatency.Result sse = null;
      if (PHASES.contains("sse")) {
        sse = SseLatency.run(database.newDatabase("sse_latency"), payload, 1_000, SSE_WARM_UP,
            Duration.ofSeconds(10));
        log("%s: p50 %.1f ms, p99 %.1f ms, %d of %d received", sse.name(), sse.seen().p50Millis(),
            sse.seen().p99Millis(), sse.seen().received(), sse.expected());
      }
      LeaseCost.Result small = null;
      LeaseCost.Result large = null;
      if (PHASES.contains("lease")) {
        small = leaseCost(database.newDatabase("lease_small"), 1_000);
        large = leaseCost(database.newDatabase("lease_large"), LARGE_BACKLOG);
      }
      NodeClientPhases.Latency node = null;
      NodeClientPhases.Cpu cpu = null;
      if (PHASES.contains("node") || PHASES.contains("cpu")) {
        if (!NodeSseConsumer.available()) {
          System.out.println("bench: node or npm not found: the Node EventSource phases are skipped");
        } else {
          if (PHASES.contains("node")) {
            node = NodeClientPhases.latency(database, payload);
            log("Node EventSource at %.0f/s: first 10 s p50 %.1f ms, p99 %.1f ms; after p50 %.1f ms, p99 %.1f ms;"
                    + " %d of %d received", NodeClientPhases.RATE, node.seen().earlyP50(), node.seen().earlyP99(),
                node.seen().lateP50(), node.seen().lateP99(), node.seen().received(), node.expected());
          }
          if (PHASES.contains("cpu") && ProcessCpu.available()) {
            cpu = NodeClientPhases.cpu(database, payload);
            log("CPU per event: ingested %.3f ms, delivered over SSE and acked %.3f ms",
                cpu.ingestMillisPerEvent(), cpu.deliverMillisPerEvent());
          }
        }
      }
      System.out.println();
      System.out.println(ConsumeReport.markdown(machine, drains, sse, small, large));
      System.out.println(ConsumeReport.nodeClient(node, cpu));
    }
  }

  /** {@code drain} runs all three drains; {@code receive}, {@code next} or {@code sql} one of them. */
  private static boolean phase(String group, String name) {
    return PHASES.contains(group) || PHASES.contains(name);
  }

  /**
   * Receive(100) + batch ack from {@code workers} loops, or next + single ack (from wrk when it is
   * installed); after an untimed warm-up.
   */
  private static DrainResult overHttp(String databaseUrl, Payload payload, int workers, boolean batches)
      throws Exception {
    try (RelayTarget relay = RelayTarget.start(databaseUrl, Map.of());
         Backlog backlog = new Backlog(databaseUrl, relay.endpointId(), payload.body());
         ConsumerLoad load = new ConsumerLoad(relay.port(), relay.adminToken(), workers)) {
      fill(backlog, WARM_UP_MESSAGES + BACKLOG);
      String name = batches
          ? "receive(max 100) + batch ack, " + workers + " workers, HTTP"
          : "next + single ack, " + workers + " workers, HTTP";
      if (!batches && WrkLoad.available()) {
        return logged(WrkConsumer.nextAndAck("next + single ack, " + WRK_CONSUMERS + " consumers, wrk", relay.port(),
            relay.adminToken(), WRK_CONSUMERS, backlog, Duration.ofSeconds(5), NEXT_CAP));
      }
      logged(batches
          ? load.receiveAndBatchAck("warm-up (not counted)", workers, 100, DRAIN_CAP, WARM_UP_MESSAGES)
          : load.nextAndAck("warm-up (not counted)", workers, DRAIN_CAP, WARM_UP_MESSAGES));
      DrainResult result = batches
          ? load.receiveAndBatchAck(name, workers, 100, DRAIN_CAP, Long.MAX_VALUE)
          : load.nextAndAck(name, workers, NEXT_CAP, Long.MAX_VALUE);
      return logged(result);
    }
  }

  /** The relay's lease and batch-ack statements straight from {@link SqlDrain#CONNECTIONS} connections. */
  private static DrainResult onDatabase(String databaseUrl, Payload payload, int batch, Duration cap)
      throws Exception {
    String endpointId;
    try (RelayTarget relay = RelayTarget.start(databaseUrl, Map.of())) {
      endpointId = relay.endpointId();
    }
    try (Backlog backlog = new Backlog(databaseUrl, endpointId, payload.body())) {
      fill(backlog, BACKLOG);
      return logged(SqlDrain.run("SQL reference: LEASE " + batch + " + ACK_MANY, " + SqlDrain.CONNECTIONS
          + " connections, no relay", databaseUrl, backlog.tenantId(), backlog.queueId(), batch, cap));
    }
  }

  private static LeaseCost.Result leaseCost(String databaseUrl, long size) throws Exception {
    LeaseCost.Result result = LeaseCost.run(databaseUrl, size, Duration.ofSeconds(2), Duration.ofSeconds(8));
    log("%s: %d calls, p50 %.2f ms, p99 %.2f ms", result.name(), result.calls(), result.p50Millis(),
        result.p99Millis());
    return result;
  }

  private static void fill(Backlog backlog, long count) throws Exception {
    long start = System.nanoTime();
    long added = backlog.add(count, FILL_CAP);
    backlog.analyze();
    log("filled %d messages in %.1f s", added, (System.nanoTime() - start) / 1e9);
  }

  private static DrainResult logged(DrainResult result) {
    log("%s: %d messages in %.1f s = %.0f msg/s, %d failed%s", result.name(), result.messages(), result.seconds(),
        result.perSecond(), result.failed(), result.emptied() ? ", ran dry" : ", stopped at its limit or time cap");
    return result;
  }

  private static void log(String format, Object... args) {
    System.out.println("bench: " + String.format(java.util.Locale.ROOT, format, args));
  }
}
