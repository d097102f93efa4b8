package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (and Svix, its origin): {@code webhook-signature: v1,<base64> v1,<base64>} over
 * {@code {webhook-id}.{webhook-timestamp}.{body}}, keyed by the base64 part of a {@code whsec_}
 * secret.
 */
public final class StandardWebhooksVerifier implements Verifier {

  private static final String SECRET_PREFIX = "whsec_";
  private static final byte[] DOT = utf8(".");

  private final HmacKeys keys;
  private final int toleranceSeconds;

  public StandardWebhooksVerifier(List<String> secrets, int toleranceSeconds) {
    this.keys =
        HmacKeys.raw(
            HmacAlgorithm.SHA256, secrets.stream().map(StandardWebhooksVerifier::key).toList());
    this.toleranceSeconds = toleranceSeconds;
  }

  private static byte[] key(String secret) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    try {
      return Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "standard-webhooks secret is not base64 after its whsec_ prefix");
    }
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String id = header(request, "id");
    String timestamp = header(request, "timestamp");
    String signatureHeader = header(request, "signature");
    if (isBlank(id) || isBlank(timestamp) || isBlank(signatureHeader)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    List<byte[]> signatures = v1Signatures(signatureHeader);
    long seconds;
    try {
      seconds = Timestamps.parse(timestamp);
    } catch (NumberFormatException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    if (signatures.isEmpty()) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.anyMatches(
            signatures, utf8(id.trim()), DOT, utf8(timestamp.trim()), DOT, request.body()),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }

  private static String header(SignedRequest request, String name) {
    String value = request.headers().get("webhook-" + name);
    return value != null ? value : request.headers().get("svix-" + name);
  }

  /** Entries of other versions (such as the asymmetric {@code v1a}) are ignored. */
  private static List<byte[]> v1Signatures(String header) {
    List<byte[]> signatures = new ArrayList<>();
    for (String entry : header.trim().split(" +")) {
      if (entry.startsWith("v1,")) {
        try {
          signatures.add(Base64.getDecoder().decode(entry.substring(3)));
        } catch (IllegalArgumentException e) {
          // A garbled entry among valid ones simply cannot match.
        }
      }
    }
    return signatures;
  }
}
