package dev.inlet.relay.provider;

import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verifier;
import dev.inlet.relay.verify.HeaderLookup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test fixtures: configs, requests, and a signer written independently of the code under test. */
final class Fixtures {

  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  static final String OLD_SECRET = "old-secret-0123456789";
  static final String NEW_SECRET = "new-secret-9876543210";
  static final String WRONG_SECRET = "wrong-secret";

  private Fixtures() {}

  static VerificationConfig config(String scheme, String... secrets) {
    return new VerificationConfig(
        scheme, List.of(secrets), null, null, null, null, null, null, null, null, null, null);
  }

  static Verifier verifier(String scheme, String... secrets) {
    return build(config(scheme, secrets));
  }

  /** The verifier an endpoint so configured gets, built the way the ingest path builds it. */
  static Verifier build(VerificationConfig config) {
    return Providers.require(config.scheme()).verifier(config);
  }

  static RequestBuilder request() {
    return new RequestBuilder();
  }

  static String hmacHex(String algorithm, String key, String content) {
    return HexFormat.of().formatHex(hmac(algorithm, key.getBytes(StandardCharsets.UTF_8), content));
  }

  static String hmacBase64(String algorithm, String key, String content) {
    return hmacBase64(algorithm, key.getBytes(StandardCharsets.UTF_8), content);
  }

  static String hmacBase64(String algorithm, byte[] key, String content) {
    return Base64.getEncoder().encodeToString(hmac(algorithm, key, content));
  }

  static String sha256Hex(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(String algorithm, byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final class RequestBuilder {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> form = new LinkedHashMap<>();
    private String url = "https://relay.example.com/in/ep_1";
    private byte[] body = new byte[0];
    private Instant now = NOW;

    RequestBuilder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    RequestBuilder body(String text) {
      body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    RequestBuilder url(String value) {
      url = value;
      return this;
    }

    RequestBuilder form(String name, String value) {
      form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }

    RequestBuilder now(Instant value) {
      now = value;
      return this;
    }

    SignedRequest build() {
      return new SignedRequest("POST", url, HeaderLookup.of(headers), body, form, now);
    }
  }
}
