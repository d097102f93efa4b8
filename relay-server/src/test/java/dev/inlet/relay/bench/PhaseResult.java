package dev.inlet.relay.bench;

/**
 * What one phase measured. {@code failed} counts failed statements (ceiling) or non-2xx and failed
 * requests (relay); latencies are NaN where not measured.
 */
record PhaseResult(String name, double eventsPerSecond, long failed, double p50Millis, double p99Millis) {

  static PhaseResult throughput(String name, double eventsPerSecond, long failed) {
    return new PhaseResult(name, eventsPerSecond, failed, Double.NaN, Double.NaN);
  }

  double rowsPerSecond() {
    return eventsPerSecond * InsertCeiling.ROWS_PER_EVENT;
  }
}
