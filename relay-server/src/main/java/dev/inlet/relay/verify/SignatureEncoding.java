package dev.inlet.relay.verify;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** How a signature is written in its header. */
public enum SignatureEncoding {
  HEX,
  BASE64;

  /**
   * Decodes a signature; throws {@link IllegalArgumentException} when the text is not in this
   * encoding.
   */
  public byte[] decode(String text) {
    return this == HEX ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
  }

  /** {@code hex} or {@code base64}; null means hex. */
  public static SignatureEncoding fromConfig(String name) {
    if (name == null || name.isBlank()) {
      return HEX;
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "hex":
        return HEX;
      case "base64":
        return BASE64;
      default:
        throw new IllegalArgumentException("unknown signature encoding: " + name);
    }
  }
}
