package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacKeys;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Timestamps;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HubSpot's v3 signature: {@code X-HubSpot-Signature-v3: <base64 HMAC-SHA256(client secret, method
 * + URI + body + timestamp)>}, the timestamp being {@code X-HubSpot-Request-Timestamp} (unix
 * milliseconds, as sent) and within the tolerance. The URI is the public URL the request was sent
 * to, with the percent-encodings HubSpot's docs list decoded, as HubSpot signs it.
 */
final class HubSpotVerifier implements Verifier {

  static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
  static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";

  /** "Validating requests from HubSpot", v3: the encoded characters to decode in the URI. */
  private static final Map<String, Character> DECODED = Map.ofEntries(
      Map.entry("3A", ':'), Map.entry("2F", '/'), Map.entry("3F", '?'), Map.entry("40", '@'),
      Map.entry("21", '!'), Map.entry("24", '$'), Map.entry("27", '\''), Map.entry("28", '('),
      Map.entry("29", ')'), Map.entry("2A", '*'), Map.entry("2C", ','), Map.entry("3B", ';'));

  private final HmacKeys keys;
  private final int toleranceSeconds;

  HubSpotVerifier(List<String> secrets, int toleranceSeconds) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String value = request.headers().get(SIGNATURE_HEADER);
    String timestamp = request.headers().get(TIMESTAMP_HEADER);
    if (isBlank(value) || isBlank(timestamp)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    timestamp = timestamp.trim();
    byte[] signature;
    long millis;
    try {
      signature = SignatureEncoding.BASE64.decode(value.trim());
      millis = Timestamps.parse(timestamp);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    String method = request.method() == null ? "" : request.method();
    String uri = request.publicUrl() == null ? "" : signedUri(request.publicUrl());
    return Verdict.of(
        keys.matches(signature, utf8(method), utf8(uri), request.body(), utf8(timestamp)),
        Timestamps.withinMillis(millis, request.now(), toleranceSeconds));
  }

  /**
   * The URL with each listed {@code %XX} (hex digits of either case) replaced by its character, in
   * one pass, so a decoded {@code %} never starts a new escape; every other escape is kept.
   */
  static String signedUri(String url) {
    StringBuilder uri = new StringBuilder(url.length());
    int i = 0;
    while (i < url.length()) {
      Character decoded = url.charAt(i) == '%' && i + 3 <= url.length()
          ? DECODED.get(url.substring(i + 1, i + 3).toUpperCase(Locale.ROOT))
          : null;
      if (decoded != null) {
        uri.append(decoded.charValue());
        i += 3;
      } else {
        uri.append(url.charAt(i));
        i++;
      }
    }
    return uri.toString();
  }
}
