package dev.inlet.sdk.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Parses the headers that tell a client how long to wait, and computes backoff. */
public final class Waits {
  // Below this, an X-RateLimit-Reset is a delta: some providers send seconds, not an epoch.
  private static final long EPOCH_THRESHOLD = 1_000_000_000L;

  private Waits() {}

  /** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
  public static Duration backoff(int attempt, Duration base, Duration max) {
    long cap = max.toMillis();
    long exp = base.toMillis() << Math.min(attempt - 1, 30);
    long ceiling = exp <= 0 ? cap : Math.min(cap, exp);
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date, relative to {@code now}. */
  public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
    return headers.firstValue("Retry-After").map(String::trim).flatMap(v -> parseRetryAfter(v, now));
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    try {
      return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(value))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(nonNegative(Duration.between(now, at)));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** When the rate limit is exhausted, the instant it resets; empty while calls remain. */
  public static Optional<Instant> rateLimitReset(HttpHeaders headers, Instant now) {
    if (exhausted(headers, "X-RateLimit-Remaining")) {
      return longHeader(headers, "X-RateLimit-Reset")
          .map(v -> v >= EPOCH_THRESHOLD ? Instant.ofEpochSecond(v) : now.plusSeconds(v));
    }
    if (exhausted(headers, "RateLimit-Remaining")) {
      return longHeader(headers, "RateLimit-Reset").map(now::plusSeconds);
    }
    return Optional.empty();
  }

  private static boolean exhausted(HttpHeaders headers, String name) {
    return longHeader(headers, name).map(v -> v <= 0).orElse(false);
  }

  private static Optional<Long> longHeader(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(String::trim).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
