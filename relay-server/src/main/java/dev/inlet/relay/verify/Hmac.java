package dev.inlet.relay.verify;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC key, initialised once. Thread safe: each signature is computed on a clone of the
 * prototype.
 */
public final class Hmac {

  private final SecretKeySpec key;
  private final Mac prototype;

  public Hmac(HmacAlgorithm algorithm, byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, algorithm.jcaName());
    this.prototype = newMac();
  }

  /** The HMAC of the concatenated parts. */
  public byte[] sign(byte[]... parts) {
    Mac mac = fresh();
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  private Mac fresh() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return newMac();
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(key.getAlgorithm());
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC unavailable: " + key.getAlgorithm(), e);
    }
  }
}
