package dev.inlet.relay.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Checks that bytes are exactly one JSON value, so they can be embedded in a document as they are. */
public final class JsonText {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonText() {}

  public static boolean isSingleValue(Buffer bytes) {
    try (JsonParser parser = FACTORY.createParser(bytes.getBytes())) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException notJson) {
      return false;
    }
  }
}
