package dev.inlet.relay.verify;

import java.util.Locale;

/** The HMAC digests a scheme may use, by their configuration names. */
public enum HmacAlgorithm {
  SHA1("HmacSHA1"),
  SHA256("HmacSHA256"),
  SHA512("HmacSHA512");

  private final String jcaName;

  HmacAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  String jcaName() {
    return jcaName;
  }

  /** {@code sha1}, {@code sha256} or {@code sha512}; null means sha256. */
  public static HmacAlgorithm fromConfig(String name) {
    if (name == null || name.isBlank()) {
      return SHA256;
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "sha1":
        return SHA1;
      case "sha256":
        return SHA256;
      case "sha512":
        return SHA512;
      default:
        throw new IllegalArgumentException("unknown hmac algorithm: " + name);
    }
  }
}
