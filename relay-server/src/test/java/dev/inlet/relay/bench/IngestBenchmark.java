package dev.inlet.relay.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The ingest benchmark: the database's insert ceiling, the relay with group commit on and off, and
 * latency at half the relay's peak, each phase on a fresh database of one embedded PostgreSQL.
 * Run with {@code mvn -B -Pbench -pl relay-server verify -DskipTests}; docs/benchmarks.md explains
 * the figures.
 */
public final class IngestBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 3));
  private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.measuredSeconds", 8));

  private IngestBenchmark() {}

  /**
   * The bench profile's one main: {@code -Dbench.main=ingest} (the default) runs this benchmark,
   * {@code consume} runs {@link ConsumeBenchmark}, {@code fairness} {@link FairnessBenchmark}, {@code all}
   * runs ingest and consume, one after the other; {@code twonode} {@link TwoNodeBenchmark}.
   */
  public static void main(String[] args) throws Exception {
    String chosen = System.getProperty("bench.main", "ingest");
    switch (chosen) {
      case "ingest" -> ingest();
      case "consume" -> ConsumeBenchmark.main(args);
      case "fairness" -> FairnessBenchmark.main(args);
      case "twonode" -> TwoNodeBenchmark.main(args);
      case "all" -> {
        ingest();
        ConsumeBenchmark.main(args);
      }
      default -> throw new IllegalArgumentException("bench.main must be ingest, consume, fairness, twonode or all, not " + chosen);
    }
  }

  private static void ingest() throws Exception {
    Payload payload = new Payload();
    try (BenchDatabase database = BenchDatabase.start()) {
      Machine machine = Machine.describe(database.describe());
      PhaseResult ceiling = new InsertCeiling(payload).run(database.newDatabase("bench_ceiling"), WARM_UP, MEASURED);
      log(ceiling);
      PhaseResult on = closedLoop(database.newDatabase("bench_group_commit_on"), Map.of(),
          "Relay, group commit on (defaults)", payload);
      PhaseResult off = closedLoop(database.newDatabase("bench_group_commit_off"),
          Map.of("INLET_INGEST_BATCH_MAX", "1"), "Relay, group commit off (INLET_INGEST_BATCH_MAX=1)", payload);
      // The JVM load generator shares the relay's cores; wrk (when installed) costs far less CPU.
      PhaseResult wrkOn = null;
      PhaseResult wrkOff = null;
      if (WrkLoad.available()) {
        wrkOn = wrk(database.newDatabase("bench_wrk_on"), Map.of(), "Relay, group commit on (defaults)", payload);
        wrkOff = wrk(database.newDatabase("bench_wrk_off"), Map.of("INLET_INGEST_BATCH_MAX", "1"),
            "Relay, group commit off (INLET_INGEST_BATCH_MAX=1)", payload);
      } else {
        System.out.println("bench: wrk not found (apt-get install wrk): the JVM generator's figures stand alone");
      }
      double halfRate = (wrkOn != null ? wrkOn : on).eventsPerSecond() / 2;
      PhaseResult half = openLoop(database.newDatabase("bench_half_peak"), halfRate, payload);
      System.out.println();
      System.out.println(Report.markdown(machine, ceiling, on, off, wrkOn, wrkOff, half, halfRate));
    }
  }

  private static PhaseResult closedLoop(String databaseUrl, Map<String, String> settings, String name, Payload payload)
      throws Exception {
    try (RelayTarget relay = RelayTarget.start(databaseUrl, settings);
         LoadGenerator load = new LoadGenerator(payload, relay.port(), relay.endpointId())) {
      PhaseResult result = load.closedLoop(name + ", closed loop, " + LoadGenerator.IN_FLIGHT + " in flight",
          WARM_UP, MEASURED);
      log(result);
      return result;
    }
  }

  private static PhaseResult wrk(String databaseUrl, Map<String, String> settings, String name, Payload payload)
      throws Exception {
    try (RelayTarget relay = RelayTarget.start(databaseUrl, settings)) {
      PhaseResult result = WrkLoad.closedLoop(name, relay.port(), relay.endpointId(), payload, WARM_UP, MEASURED);
      log(result);
      return result;
    }
  }

  private static PhaseResult openLoop(String databaseUrl, double rate, Payload payload) throws Exception {
    if (!(rate > 0)) {
      throw new IllegalStateException("the relay accepted nothing with group commit on; no half-peak rate");
    }
    try (RelayTarget relay = RelayTarget.start(databaseUrl, Map.of());
         LoadGenerator load = new LoadGenerator(payload, relay.port(), relay.endpointId())) {
      PhaseResult result = load.openLoop("Relay, group commit on, open loop at half peak", rate, WARM_UP, MEASURED);
      log(result);
      return result;
    }
  }

  private static void log(PhaseResult result) {
    System.out.printf("bench: %s: %.0f events/s, %d failed, p50 %.1f ms, p99 %.1f ms%n", result.name(),
        result.eventsPerSecond(), result.failed(), result.p50Millis(), result.p99Millis());
  }
}
