package dev.inlet.relay.http;

import dev.inlet.relay.problem.InletProblem;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code ?from} / {@code ?to} window of a search (from inclusive, to exclusive), and its keyset
 * cursor: the (time, id) of the last item of the previous page, so a page never shifts when new
 * rows arrive (they are newer than every cursor handed out). A window may span at most
 * {@link #MAX_DAYS} days; {@code from} after {@code to} is refused.
 */
record TimeWindow(OffsetDateTime from, OffsetDateTime to, OffsetDateTime beforeTime, String beforeId) {
  static final int MAX_DAYS = 400;
  /** Where an open window starts and ends: the database holds nothing outside these. */
  private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  static TimeWindow of(RoutingContext ctx, Page page) {
    OffsetDateTime from = time(ctx, "from");
    OffsetDateTime to = time(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) {
      throw InletProblem.invalid("?from", "must not be after ?to");
    }
    if (from != null && Duration.between(from, to == null ? OffsetDateTime.now(ZoneOffset.UTC) : to)
        .compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw InletProblem.invalid("?from", "a window may span at most " + MAX_DAYS + " days");
    }
    OffsetDateTime start = from == null ? EARLIEST : from;
    OffsetDateTime end = to == null ? LATEST : to;
    if (page.after().isEmpty()) {
      return new TimeWindow(start, end, end, "");
    }
    int bar = page.after().indexOf('|');
    try {
      if (bar < 0) {
        throw new DateTimeParseException("no separator", page.after(), 0);
      }
      return new TimeWindow(start, end, OffsetDateTime.parse(page.after().substring(0, bar)),
          page.after().substring(bar + 1));
    } catch (DateTimeParseException e) {
      throw InletProblem.invalid("?cursor", "not a cursor this API handed out");
    }
  }

  /** The cursor of a row: its time, exact to the microsecond, and its id. */
  static String key(OffsetDateTime time, String id) {
    return time.toString() + "|" + id;
  }

  private static OffsetDateTime time(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw InletProblem.invalid("?" + name, "an RFC 3339 date-time, such as 2026-11-23T10:00:00Z");
    }
  }
}
