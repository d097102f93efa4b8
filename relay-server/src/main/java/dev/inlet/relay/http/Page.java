package dev.inlet.relay.http;

import dev.inlet.relay.problem.InletProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination: {@code ?limit} and an opaque {@code ?cursor} (the last key of the previous page).
 * A page fetches one row more than it shows, to know whether a next page exists.
 */
record Page(String after, int limit) {
  static final int DEFAULT_LIMIT = 50;

  static Page of(RoutingContext ctx) {
    String limit = ctx.queryParams().get("limit");
    String cursor = ctx.queryParams().get("cursor");
    return new Page(cursor == null ? "" : decode(cursor), limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit));
  }

  /** How many rows to ask the store for. */
  int fetchSize() {
    return limit + 1;
  }

  <T> JsonObject render(List<T> rows, Function<T, String> key, Function<T, JsonObject> json) {
    JsonArray items = new JsonArray();
    rows.stream().limit(limit).map(json).forEach(items::add);
    JsonObject page = new JsonObject().put("items", items);
    if (rows.size() > limit) {
      page.put("nextCursor", encode(key.apply(rows.get(limit - 1))));
    }
    return page;
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw InletProblem.invalid("?cursor", "not a cursor this API handed out");
    }
  }
}
