package dev.inlet.relay.id;

import java.security.SecureRandom;

/** Prefixed identifiers of 22 random base62 digits (about 131 bits): unguessable and URL-safe. */
public final class RandomIds {
  /** One generator per thread: ids are made on event loops, which must not contend on a lock. */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  /** 22 uniformly random base62 digits carry 22 × log2(62) ≈ 131 bits, at least the 128 promised. */
  static final int DIGITS = 22;

  private RandomIds() {}

  public static String next(String prefix) {
    SecureRandom random = RANDOM.get();
    char[] out = new char[DIGITS];
    byte[] bytes = new byte[32];
    int filled = 0;
    while (filled < DIGITS) {
      random.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < DIGITS; i++) {
        // Six bits give 0..63; dropping 62 and 63 keeps every digit equally likely.
        int sixBits = bytes[i] & 0x3F;
        if (sixBits < ALPHABET.length) {
          out[filled++] = ALPHABET[sixBits];
        }
      }
    }
    return prefix + new String(out);
  }

  /** Whether {@code value} has the shape of an id made by {@link #next(String)} with this prefix. */
  public static boolean looksLike(String prefix, String value) {
    if (value == null || value.length() != prefix.length() + DIGITS || !value.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return true;
  }
}
