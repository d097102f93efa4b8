package dev.inlet.relay.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An endpoint's requests over the last {@code windowSeconds}: by outcome, refused ones by reason,
 * per minute; and the refused rows the log did not keep (the cap, or a full buffer), ever.
 */
public record RequestStats(int windowSeconds, Map<String, Long> byOutcome, Map<String, Long> byReason,
    List<Minute> perMinute, long dropped, OffsetDateTime lastDroppedAt, int maxRefusedKept, int retentionHours) {

  /** One minute's counts by outcome. */
  public record Minute(OffsetDateTime minute, Map<String, Long> byOutcome) {}

  public static final List<String> OUTCOMES = List.of("accepted", "duplicate", "refused", "handshake");
}
