package dev.inlet.relay.bench;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The run's figures and ratios as Markdown, ready to paste into docs/benchmarks.md. */
final class Report {
  static final double TARGET_RELAY_OF_CEILING = 0.30;
  static final double TARGET_GROUP_COMMIT_GAIN = 3.0;
  static final double TARGET_P99_AT_HALF_PEAK_MS = 50.0;

  private Report() {}

  /** {@code wrkOn} and {@code wrkOff} are null when wrk is not installed; the ratios use them when present. */
  static String markdown(Machine machine, PhaseResult ceiling, PhaseResult on, PhaseResult off, PhaseResult wrkOn,
      PhaseResult wrkOff, PhaseResult half, double halfRate) {
    StringBuilder out = new StringBuilder();
    out.append("Run of ").append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
    out.append("- machine: ").append(machine.processors()).append(" CPUs (nproc), ").append(machine.cpuModel())
        .append("\n- JVM: ").append(machine.jvm())
        .append("\n- PostgreSQL: ").append(machine.postgres()).append("\n\n");
    out.append("| phase | events/s | rows/s | failed | p50 ms | p99 ms |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (PhaseResult r : new PhaseResult[] {ceiling, on, off, wrkOn, wrkOff, half}) {
      if (r == null) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %d | %s | %s |%n", r.name(), r.eventsPerSecond(),
          r.rowsPerSecond(), r.failed(), millis(r.p50Millis()), millis(r.p99Millis())));
    }
    out.append("\n(half-peak offered rate: ").append(String.format(Locale.ROOT, "%.0f", halfRate))
        .append(" events/s)\n\n");
    out.append("| ratio | value | target | met |\n|---|---:|---|---|\n");
    PhaseResult peakOn = wrkOn != null ? wrkOn : on;
    PhaseResult peakOff = wrkOff != null ? wrkOff : off;
    out.append("(ratios from the ").append(wrkOn != null ? "wrk" : "JVM generator").append(" phases)\n\n");
    double ofCeiling = peakOn.eventsPerSecond() / ceiling.eventsPerSecond();
    double gain = peakOn.eventsPerSecond() / peakOff.eventsPerSecond();
    out.append(String.format(Locale.ROOT, "| relay ÷ ceiling | %.0f%% | ≥ %.0f%% | %s |%n", 100 * ofCeiling,
        100 * TARGET_RELAY_OF_CEILING, yesNo(ofCeiling >= TARGET_RELAY_OF_CEILING)));
    out.append(String.format(Locale.ROOT, "| group commit on ÷ off | %.2f× | ≥ %.0f× | %s |%n", gain,
        TARGET_GROUP_COMMIT_GAIN, yesNo(gain >= TARGET_GROUP_COMMIT_GAIN)));
    out.append(String.format(Locale.ROOT, "| p99 at half peak | %s ms | < %.0f ms | %s |%n", millis(half.p99Millis()),
        TARGET_P99_AT_HALF_PEAK_MS, yesNo(half.p99Millis() < TARGET_P99_AT_HALF_PEAK_MS)));
    return out.toString();
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String yesNo(boolean met) {
    return met ? "yes" : "**no**";
  }
}
