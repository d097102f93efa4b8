package dev.inlet.relay.bench;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The consumption run's figures and targets as Markdown; a phase not run shows as –. */
final class ConsumeReport {
  static final double TARGET_BATCH_DRAIN = 10_000;
  static final double TARGET_NEXT_ACK = 3_000;
  static final double TARGET_SSE_P99_MS = 50;
  static final double TARGET_LEASE_RATIO = 1.5;

  private ConsumeReport() {}

  static String markdown(Machine machine, List<DrainResult> drains, SseLatency.Result sse, LeaseCost.Result small,
      LeaseCost.Result large) {
    StringBuilder out = new StringBuilder();
    out.append("Run of ").append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
    out.append("- machine: ").append(machine.processors()).append(" CPUs (nproc), ").append(machine.cpuModel())
        .append("\n- JVM: ").append(machine.jvm())
        .append("\n- PostgreSQL: ").append(machine.postgres()).append("\n\n");
    if (!drains.isEmpty()) {
      out.append("| drain | messages | seconds | msg/s | failed | ran dry |\n|---|---:|---:|---:|---:|---|\n");
      for (DrainResult d : drains) {
        out.append(f("| %s | %d | %.1f | %.0f | %d | %s |%n", d.name(), d.messages(), d.seconds(), d.perSecond(),
            d.failed(), d.emptied() ? "yes" : "no (cap)"));
      }
      out.append('\n');
    }
    if (sse != null) {
      out.append("| end to end | events counted | received | ingest failed | ack failed | p50 ms | p99 ms |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|\n")
          .append(f("| %s | %d | %d | %d | %d | %s | %s |%n%n", sse.name(), sse.expected(), sse.seen().received(),
              sse.ingestFailed(), sse.seen().ackFailed(), millis(sse.seen().p50Millis()),
              millis(sse.seen().p99Millis())));
    }
    if (small != null && large != null) {
      out.append("| lease cost | backlog | calls | failed | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|\n");
      for (LeaseCost.Result r : List.of(small, large)) {
        out.append(f("| %s | %d | %d | %d | %s | %s |%n", r.name(), r.backlog(), r.calls(), r.failed(),
            millis(r.p50Millis()), millis(r.p99Millis())));
      }
      out.append('\n');
    }
    out.append("| measure | value | target | met |\n|---|---:|---|---|\n");
    drains.stream().filter(d -> d.name().startsWith("receive")).findFirst().ifPresent(d -> out.append(
        f("| drain, receive(100) + batch ack | %.0f msg/s | ≥ %.0f msg/s | %s |%n", d.perSecond(),
            TARGET_BATCH_DRAIN, yesNo(d.perSecond() >= TARGET_BATCH_DRAIN))));
    drains.stream().filter(d -> d.name().startsWith("next")).findFirst().ifPresent(d -> out.append(
        f("| next + single ack | %.0f msg/s | ≥ %.0f msg/s | %s |%n", d.perSecond(), TARGET_NEXT_ACK,
            yesNo(d.perSecond() >= TARGET_NEXT_ACK))));
    if (sse != null) {
      double p99 = sse.seen().p99Millis();
      out.append(f("| p99 ingest → SSE at %.0f/s | %s ms | ≤ %.0f ms | %s |%n", sse.rate(), millis(p99),
          TARGET_SSE_P99_MS, yesNo(p99 <= TARGET_SSE_P99_MS)));
    }
    if (small != null && large != null) {
      double p50 = large.p50Millis() / small.p50Millis();
      double p99 = large.p99Millis() / small.p99Millis();
      out.append(f("| lease+ack p50, backlog %d ÷ %d | %.2f× | ≤ %.1f× | %s |%n", large.backlog(), small.backlog(),
          p50, TARGET_LEASE_RATIO, yesNo(p50 <= TARGET_LEASE_RATIO)));
      out.append(f("| lease+ack p99, backlog %d ÷ %d | %.2f× | ≤ %.1f× | %s |%n", large.backlog(), small.backlog(),
          p99, TARGET_LEASE_RATIO, yesNo(p99 <= TARGET_LEASE_RATIO)));
    }
    return out.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "–" : f("%.1f", value);
  }

  private static String yesNo(boolean met) {
    return met ? "yes" : "**no**";
  }

  /** The Node EventSource phases (either may be null: not run). */
  static String nodeClient(NodeClientPhases.Latency node, NodeClientPhases.Cpu cpu) {
    StringBuilder out = new StringBuilder("\n");
    if (node != null) {
      out.append(String.format("| Node EventSource, ingest at %.0f/s, REST ack each | p50 ms | p99 ms | target p99 |%n",
          NodeClientPhases.RATE));
      out.append("|---|---:|---:|---|\n");
      out.append(String.format("| first 10 s after the relay starts | %.1f | %.1f | ≤ 250 ms |%n", node.seen().earlyP50(),
          node.seen().earlyP99()));
      out.append(String.format("| the 20 s after | %.1f | %.1f | ≤ 50 ms |%n", node.seen().lateP50(),
          node.seen().lateP99()));
      out.append(String.format("%nReceived %d of %d (%d ingest failures, %d failed acks).%n%n", node.seen().received(),
          node.expected(), node.ingestFailed(), node.seen().ackFailed()));
    }
    if (cpu != null) {
      out.append("| CPU (relay + PostgreSQL, /proc) | events | CPU s | ms per event |\n|---|---:|---:|---:|\n");
      out.append(String.format("| ingested, nobody consuming | %d | %.2f | %.3f |%n", cpu.ingested(), cpu.ingestSeconds(),
          cpu.ingestMillisPerEvent()));
      out.append(String.format("| delivered over SSE (Node) and acked one by one | %d | %.2f | %.3f |%n",
          cpu.delivered(), cpu.deliverSeconds(), cpu.deliverMillisPerEvent()));
      out.append(String.format("%nDelivered ÷ ingested: %.2f× (target ≤ 1.0×); %d failed acks%n",
          cpu.deliverMillisPerEvent() / cpu.ingestMillisPerEvent(), cpu.ackFailed()));
    }
    return out.toString();
  }
}
