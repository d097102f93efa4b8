package dev.inlet.relay.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Independent signing for tests, written from the providers' documented rules. */
public final class Signatures {
  private Signatures() {}

  public static byte[] hmac(String algorithm, byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hexSha256(String secret, String content) {
    return HexFormat.of().formatHex(hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), content));
  }

  public static String base64Sha256(String secret, String content) {
    return Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), content));
  }

  /** GitHub's {@code X-Hub-Signature-256}. */
  public static String github(String secret, String body) {
    return "sha256=" + hexSha256(secret, body);
  }

  /** Stripe's {@code Stripe-Signature} for a given unix time. */
  public static String stripe(String secret, long timestamp, String body) {
    return "t=" + timestamp + ",v1=" + hexSha256(secret, timestamp + "." + body);
  }

  /** Slack's {@code X-Slack-Signature}. */
  public static String slack(String secret, long timestamp, String body) {
    return "v0=" + hexSha256(secret, "v0:" + timestamp + ":" + body);
  }

  /** Standard Webhooks' {@code webhook-signature} for a {@code whsec_} secret. */
  public static String standardWebhooks(String whsec, String id, long timestamp, String body) {
    byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    return "v1," + Base64.getEncoder().encodeToString(hmac("HmacSHA256", key, id + "." + timestamp + "." + body));
  }
}
