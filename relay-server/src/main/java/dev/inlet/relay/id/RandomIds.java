package dev.inlet.relay.id;

import java.security.SecureRandom;

/** Prefixed identifiers made of 128 random bits, base62-encoded: unguessable and URL-safe. */
public final class RandomIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  /** 22 base62 digits hold 130.9 bits, enough for 128 random bits. */
  static final int DIGITS = 22;

  private RandomIds() {}

  public static String next(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    java.math.BigInteger value = new java.math.BigInteger(1, bytes);
    java.math.BigInteger base = java.math.BigInteger.valueOf(ALPHABET.length);
    char[] out = new char[DIGITS];
    for (int i = DIGITS - 1; i >= 0; i--) {
      java.math.BigInteger[] qr = value.divideAndRemainder(base);
      out[i] = ALPHABET[qr[1].intValue()];
      value = qr[0];
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
