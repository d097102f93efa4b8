package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacKeys;
import dev.inlet.relay.verify.JsonBodies;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Timestamps;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mailgun: the body carries {@code signature.timestamp}, {@code signature.token} and {@code
 * signature.signature} = hex HMAC-SHA256(signing key, timestamp + token) (JSON webhooks), or the
 * {@code timestamp}, {@code token} and {@code signature} form parameters (legacy form-encoded
 * webhooks). A subaccount's {@code parent-signature} may match instead. The timestamp (unix seconds)
 * must be within the tolerance. Only timestamp and token are signed, never the event itself.
 */
final class MailgunVerifier implements Verifier {

  private final HmacKeys keys;
  private final int toleranceSeconds;

  MailgunVerifier(List<String> signingKeys, int toleranceSeconds) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, signingKeys);
    this.toleranceSeconds = toleranceSeconds;
  }

  /** What Mailgun signed with, from a JSON body or the form parameters. */
  record Signature(String timestamp, String token, String signature, String parentSignature) {

    static Signature of(SignedRequest request) {
      JsonNode block = JsonBodies.parse(request.body()).map(body -> body.get("signature")).orElse(null);
      if (block != null && block.isObject()) {
        return new Signature(scalar(block.get("timestamp")), scalar(block.get("token")),
            scalar(block.get("signature")), scalar(block.get("parent-signature")));
      }
      Map<String, List<String>> form = request.formParams();
      return new Signature(first(form, "timestamp"), first(form, "token"), first(form, "signature"),
          first(form, "parent-signature"));
    }

    private static String scalar(JsonNode node) {
      return node != null && (node.isTextual() || node.isIntegralNumber()) ? node.asText() : null;
    }

    private static String first(Map<String, List<String>> form, String name) {
      List<String> values = form.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  @Override
  public Verdict verify(SignedRequest request) {
    Signature fields = Signature.of(request);
    if (isBlank(fields.timestamp()) || isBlank(fields.token()) || isBlank(fields.signature())) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    List<byte[]> signatures = new ArrayList<>();
    long seconds;
    try {
      signatures.add(SignatureEncoding.HEX.decode(fields.signature().trim()));
      seconds = Timestamps.parse(fields.timestamp());
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    if (!isBlank(fields.parentSignature())) {
      try {
        signatures.add(SignatureEncoding.HEX.decode(fields.parentSignature().trim()));
      } catch (IllegalArgumentException e) {
        // A garbled parent signature simply cannot match.
      }
    }
    return Verdict.of(
        keys.anyMatches(signatures, utf8(fields.timestamp()), utf8(fields.token())),
        Timestamps.withinSeconds(seconds, request.now(), toleranceSeconds));
  }
}
