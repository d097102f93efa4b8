package dev.inlet.relay.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Every active secret of an endpoint as an HMAC key; a signature made with any of them is accepted.
 */
public final class HmacKeys {

  private final List<Hmac> keys;

  private HmacKeys(List<Hmac> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    this.keys = keys;
  }

  /** Secrets used as the UTF-8 bytes of their text, as most providers do. */
  public static HmacKeys utf8(HmacAlgorithm algorithm, List<String> secrets) {
    return raw(algorithm, secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  public static HmacKeys raw(HmacAlgorithm algorithm, List<byte[]> keys) {
    return new HmacKeys(keys.stream().map(k -> new Hmac(algorithm, k)).toList());
  }

  public boolean matches(byte[] candidate, byte[]... content) {
    return anyMatches(List.of(candidate), content);
  }

  /**
   * Whether any candidate equals the HMAC of the content under any key, compared in constant time.
   */
  public boolean anyMatches(List<byte[]> candidates, byte[]... content) {
    boolean matched = false;
    for (Hmac key : keys) {
      byte[] expected = key.sign(content);
      for (byte[] candidate : candidates) {
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    return matched;
  }
}
