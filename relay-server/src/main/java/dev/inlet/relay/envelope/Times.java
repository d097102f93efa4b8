package dev.inlet.relay.envelope;

import java.time.OffsetDateTime;

/** Times as the API writes them. */
public final class Times {
  private Times() {}

  /** RFC 3339 in UTC, always with seconds (OffsetDateTime.toString drops zero seconds). */
  public static String rfc3339(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
