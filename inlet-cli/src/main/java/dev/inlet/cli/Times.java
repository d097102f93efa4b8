package dev.inlet.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --from}/{@code --to}/{@code --since}: an ISO-8601 instant, or a duration ago ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}). */
final class Times {
  private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

  private Times() {}

  static Instant parse(String text) {
    Matcher ago = AGO.matcher(text.strip());
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      Duration d = switch (ago.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return Instant.now().minus(d);
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a time: '" + text
          + "' (give an ISO-8601 instant such as 2026-12-01T00:00:00Z, or an age such as 30m, 2h, 7d)");
    }
  }
}
