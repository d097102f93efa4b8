package dev.inlet.relay.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key ring that seals secrets before they reach the database: one current key that seals, and
 * the previous ones that still open what they sealed until it is sealed again (key rotation).
 *
 * <p>A sealed value reads {@code inlet:v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}. The
 * caller's {@code context} (say, the endpoint and field a secret belongs to) is bound in as
 * associated data, so a sealed value copied into another row does not open there.
 */
public final class SecretKeys {
  public static final int KEY_BYTES = 32;
  private static final String PREFIX = "inlet:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Key current;
  private final Map<String, Key> byId;

  private record Key(String id, SecretKeySpec spec) {}

  private SecretKeys(Key current, Map<String, Key> byId) {
    this.current = current;
    this.byId = byId;
  }

  /** {@code current} seals; {@code previous} only open. Each key is 32 raw bytes. */
  public static SecretKeys of(byte[] current, List<byte[]> previous) {
    Key now = key(current);
    Map<String, Key> byId = new LinkedHashMap<>();
    byId.put(now.id(), now);
    for (byte[] old : previous) {
      Key key = key(old);
      byId.putIfAbsent(key.id(), key);
    }
    return new SecretKeys(now, Map.copyOf(byId));
  }

  /** A key as configured: base64 (standard or URL alphabet) of exactly 32 bytes; else null. */
  public static byte[] decodeKey(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    try {
      byte[] key = trimmed.contains("-") || trimmed.contains("_")
          ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
      return key.length == KEY_BYTES ? key : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A fresh random key, base64-encoded as {@link #decodeKey} reads it. */
  public static String newKeyText() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key that seals, as sealed values and logs name it. */
  public String currentKeyId() {
    return current.id();
  }

  /** The ids of the previous keys this ring can still open with. */
  public List<String> previousKeyIds() {
    List<String> ids = new ArrayList<>(byId.keySet());
    ids.remove(current.id());
    return ids;
  }

  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** Whether {@code value} should be sealed again: plain (from before sealing) or under an old key. */
  public boolean needsSealing(String value) {
    return !isSealed(value) || !current.id().equals(keyId(value));
  }

  public String seal(String plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + current.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plaintext of a sealed value. A value that is not sealed (written before sealing existed)
   * is returned as it is; the start-up pass seals those.
   *
   * @throws UnreadableSecretException when no key of this ring opens it
   */
  public String open(String value, String context) {
    if (!isSealed(value)) {
      return value;
    }
    String id = keyId(value);
    Key key = byId.get(id);
    if (key == null) {
      throw new UnreadableSecretException("sealed with key " + id + ", which this relay does not have"
          + " (set it in INLET_SECRET_KEYS_PREVIOUS)");
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(value.substring(PREFIX.length() + id.length() + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new UnreadableSecretException("sealed value under key " + id + " does not open here"
          + " (altered, or moved from another row)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static String keyId(String sealed) {
    int end = sealed.indexOf(':', PREFIX.length());
    return end < 0 ? "" : sealed.substring(PREFIX.length(), end);
  }

  private static Key key(byte[] raw) {
    if (raw == null || raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("a secret key is " + KEY_BYTES + " bytes");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("inlet secret key id".getBytes(StandardCharsets.UTF_8));
      String id = HexFormat.of().formatHex(sha.digest(raw), 0, 4);
      return new Key(id, new SecretKeySpec(raw.clone(), "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SecretKeys[current=" + current.id() + ", previous=" + previousKeyIds() + "]";
  }
}
