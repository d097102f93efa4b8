package dev.inlet.relay.verify;

import java.time.Instant;

/** Tolerance checks on signed timestamps, in both directions (a clock may be ahead or behind). */
public final class Timestamps {

  private Timestamps() {}

  /** Parses a decimal timestamp; throws {@link NumberFormatException} when it is not one. */
  public static long parse(String text) {
    return Long.parseLong(text.trim());
  }

  public static boolean withinSeconds(long epochSeconds, Instant now, int toleranceSeconds) {
    long nowSeconds = now.getEpochSecond();
    return epochSeconds >= nowSeconds - toleranceSeconds
        && epochSeconds <= nowSeconds + toleranceSeconds;
  }

  public static boolean withinMillis(long epochMillis, Instant now, int toleranceSeconds) {
    long nowMillis = now.toEpochMilli();
    long toleranceMillis = toleranceSeconds * 1000L;
    return epochMillis >= nowMillis - toleranceMillis && epochMillis <= nowMillis + toleranceMillis;
  }
}
