package dev.inlet.relay.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What is stored and delivered of a request's headers: each value of a credential header becomes
 * {@value #REDACTED}, so a consumer (or an admin reading the event) sees that it was sent, not what
 * it was.
 */
final class Redaction {
  static final String REDACTED = "[redacted]";

  private Redaction() {}

  /** {@code headers} (lower-case names to their values) with {@code names}' values redacted. */
  static JsonObject headers(JsonObject headers, Set<String> names) {
    JsonObject redacted = null;
    for (String name : names) {
      JsonArray values = headers.getJsonArray(name);
      if (values != null) {
        if (redacted == null) {
          redacted = headers.copy();
        }
        JsonArray masked = new JsonArray();
        values.forEach(value -> masked.add(REDACTED));
        redacted.put(name, masked);
      }
    }
    return redacted == null ? headers : redacted;
  }
}
