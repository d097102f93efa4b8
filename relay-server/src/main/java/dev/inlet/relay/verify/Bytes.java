package dev.inlet.relay.verify;

import java.nio.charset.StandardCharsets;

/** Small helpers for building signed content. */
final class Bytes {

  private Bytes() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
