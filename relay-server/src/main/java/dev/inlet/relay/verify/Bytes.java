package dev.inlet.relay.verify;

import java.nio.charset.StandardCharsets;

/** Small helpers for building signed content. */
public final class Bytes {

  private Bytes() {}

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
