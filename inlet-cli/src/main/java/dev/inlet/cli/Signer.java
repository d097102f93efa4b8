package dev.inlet.cli;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a body the way a provider does, for {@code inlet trigger --secret} (so that the relay's
 * verification passes) and {@code inlet listen --resign} (so that a local app's own check, with its
 * tolerance, passes on every redelivery). Schemes the relay can verify with a shared secret; any other
 * is signed the Standard Webhooks way ({@link #STANDARD_WEBHOOKS}).
 */
final class Signer {
  static final String STANDARD_WEBHOOKS = "standard-webhooks";

  /** The schemes signed in their own way; the rest fall back to Standard Webhooks. */
  static final Set<String> SCHEMES = Set.of("stripe", "github", STANDARD_WEBHOOKS, "shopify", "slack", "zoom",
      "paddle", "twilio", "intercom", "pagerduty", "bitbucket", "typeform", "workos", "lemonsqueezy", "calendly",
      "sentry", "razorpay", "mux", "vercel", "linear", "gitlab", "bearer", "twitch", "zendesk", "none");

  private static final SecureRandom RANDOM = new SecureRandom();

  private Signer() {}

  /** A fresh local secret, {@code whsec_} + base64 of 24 random bytes: usable as text and as Standard Webhooks' key. */
  static String newSecret() {
    byte[] key = new byte[24];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** The scheme {@code provider} is signed with here: its own, or Standard Webhooks. */
  static String schemeFor(String provider) {
    String p = provider.toLowerCase(Locale.ROOT);
    return SCHEMES.contains(p) ? p : STANDARD_WEBHOOKS;
  }

  /**
   * The headers that sign {@code body} as {@code provider} would with {@code secret}, at {@code now};
   * {@code id} is the delivery's id where the scheme signs one, {@code url} the URL it is posted to
   * (Twilio signs it).
   */
  static Map<String, String> sign(String provider, byte[] body, String secret, Instant now, String id, URI url) {
    long t = now.getEpochSecond();
    Map<String, String> h = new LinkedHashMap<>();
    switch (schemeFor(provider)) {
      case "stripe" -> h.put("Stripe-Signature", "t=" + t + ",v1=" + hex(hmac("HmacSHA256", text(secret), t + ".", body)));
      case "github" -> h.put("X-Hub-Signature-256", "sha256=" + hex(hmac("HmacSHA256", text(secret), "", body)));
      case "shopify" -> h.put("X-Shopify-Hmac-Sha256", b64(hmac("HmacSHA256", text(secret), "", body)));
      case "slack" -> {
        h.put("X-Slack-Request-Timestamp", Long.toString(t));
        h.put("X-Slack-Signature", "v0=" + hex(hmac("HmacSHA256", text(secret), "v0:" + t + ":", body)));
      }
      case "zoom" -> {
        h.put("x-zm-request-timestamp", Long.toString(t));
        h.put("x-zm-signature", "v0=" + hex(hmac("HmacSHA256", text(secret), "v0:" + t + ":", body)));
      }
      case "paddle" -> h.put("Paddle-Signature", "ts=" + t + ";h1=" + hex(hmac("HmacSHA256", text(secret), t + ":", body)));
      case "twilio" -> h.put("X-Twilio-Signature", b64(hmac("HmacSHA1", text(secret), twilioSigned(url, body), new byte[0])));
      case "intercom" -> h.put("X-Hub-Signature", "sha1=" + hex(hmac("HmacSHA1", text(secret), "", body)));
      case "pagerduty" -> h.put("X-PagerDuty-Signature", "v1=" + hex(hmac("HmacSHA256", text(secret), "", body)));
      case "bitbucket" -> h.put("X-Hub-Signature", "sha256=" + hex(hmac("HmacSHA256", text(secret), "", body)));
      case "typeform" -> h.put("Typeform-Signature", "sha256=" + b64(hmac("HmacSHA256", text(secret), "", body)));
      case "workos" -> {
        long ms = now.toEpochMilli();
        h.put("WorkOS-Signature", "t=" + ms + ", v1=" + hex(hmac("HmacSHA256", text(secret), ms + ".", body)));
      }
      case "calendly" -> h.put("Calendly-Webhook-Signature", "t=" + t + ",v1=" + hex(hmac("HmacSHA256", text(secret), t + ".", body)));
      case "mux" -> h.put("Mux-Signature", "t=" + t + ",v1=" + hex(hmac("HmacSHA256", text(secret), t + ".", body)));
      case "lemonsqueezy" -> h.put("X-Signature", hex(hmac("HmacSHA256", text(secret), "", body)));
      case "sentry" -> h.put("Sentry-Hook-Signature", hex(hmac("HmacSHA256", text(secret), "", body)));
      case "razorpay" -> h.put("X-Razorpay-Signature", hex(hmac("HmacSHA256", text(secret), "", body)));
      case "linear" -> h.put("Linear-Signature", hex(hmac("HmacSHA256", text(secret), "", body)));
      case "vercel" -> h.put("x-vercel-signature", hex(hmac("HmacSHA1", text(secret), "", body)));
      case "gitlab" -> h.put("X-Gitlab-Token", secret);
      case "bearer" -> h.put("Authorization", "Bearer " + secret);
      case "twitch" -> {
        String ts = now.toString();
        h.put("Twitch-Eventsub-Message-Id", id);
        h.put("Twitch-Eventsub-Message-Timestamp", ts);
        h.put("Twitch-Eventsub-Message-Signature",
            "sha256=" + hex(hmac("HmacSHA256", text(secret), id + ts, body)));
      }
      case "zendesk" -> {
        String ts = now.toString();
        h.put("X-Zendesk-Webhook-Signature-Timestamp", ts);
        h.put("X-Zendesk-Webhook-Signature", b64(hmac("HmacSHA256", text(secret), ts, body)));
      }
      case "none" -> {
        // nothing to sign
      }
      default -> {
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(t));
        h.put("webhook-signature", "v1," + b64(hmac("HmacSHA256", standardKey(secret), id + "." + t + ".", body)));
      }
    }
    return h;
  }

  /** Standard Webhooks' key: the base64 after {@code whsec_}; a secret that is not base64 is used as text. */
  static byte[] standardKey(String secret) {
    String s = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException notBase64) {
      return text(secret);
    }
  }

  /** Twilio: the URL, then each form parameter's name and value, sorted by name. */
  private static String twilioSigned(URI url, byte[] body) {
    StringBuilder signed = new StringBuilder(url == null ? "" : url.toString());
    String form = new String(body, StandardCharsets.UTF_8);
    List<String[]> params = new ArrayList<>();
    if (!form.isBlank() && !form.strip().startsWith("{")) {
      for (String pair : form.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.add(new String[] {name, value});
      }
    }
    params.sort((a, b) -> a[0].compareTo(b[0]));
    for (String[] p : params) {
      signed.append(p[0]).append(p[1]);
    }
    return signed.toString();
  }

  private static byte[] text(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hmac(String algorithm, byte[] key, String prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm, e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
