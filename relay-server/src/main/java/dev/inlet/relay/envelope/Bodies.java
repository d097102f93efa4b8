package dev.inlet.relay.envelope;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Locale;

/** A provider's body inside a JSON document: as JSON when it is JSON, else base64 of its bytes. */
public final class Bodies {
  private Bodies() {}

  public static boolean looksJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  /** Puts {@code body} and {@code bodyEncoding} ({@code json} or {@code base64}) into {@code json}. */
  public static JsonObject put(JsonObject json, String contentType, Buffer body) {
    if (body == null) {
      return json.put("bodyEncoding", "base64").put("body", "");
    }
    if (looksJson(contentType)) {
      try {
        return json.put("bodyEncoding", "json").put("body", Json.decodeValue(body));
      } catch (DecodeException notJson) {
        // Labelled JSON but is not: fall through to base64, byte for byte.
      }
    }
    return json.put("bodyEncoding", "base64").put("body", Base64.getEncoder().encodeToString(body.getBytes()));
  }
}
