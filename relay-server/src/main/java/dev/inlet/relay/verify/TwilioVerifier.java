package dev.inlet.relay.verify;

import static dev.inlet.relay.verify.Bytes.utf8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Twilio: {@code X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + sorted form params))}. For
 * JSON bodies Twilio adds {@code bodySHA256=<hex>} to the URL and signs the URL alone; the hash
 * must then match the body.
 */
public final class TwilioVerifier implements Verifier {

  private static final String HEADER = "X-Twilio-Signature";
  private static final String BODY_HASH_PARAM = "bodySHA256";

  private final HmacKeys keys;

  public TwilioVerifier(List<String> authTokens) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA1, authTokens);
  }

  @Override
  public Verdict verify(SignedRequest request) {
    SignatureHeader header = SignatureHeader.read(request, HEADER, SignatureEncoding.BASE64);
    if (header.refusal() != null) {
      return header.refusal();
    }
    byte[] signature = header.signature();
    String url = request.publicUrl();
    Optional<String> bodyHash = TwilioUrls.queryParam(url, BODY_HASH_PARAM);
    String params = bodyHash.isPresent() ? "" : sortedParams(request.formParams());
    boolean matched = false;
    for (String candidate : TwilioUrls.portVariants(url)) {
      matched |= keys.matches(signature, utf8(candidate + params));
    }
    if (matched && bodyHash.isPresent()) {
      matched =
          MessageDigest.isEqual(
              utf8(sha256Hex(request.body())), utf8(bodyHash.get().toLowerCase(Locale.ROOT)));
    }
    return Verdict.of(matched);
  }

  /**
   * Names in order, each followed by its distinct values in order, as Twilio's helper libraries do.
   */
  public static String sortedParams(Map<String, List<String>> params) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(params)
        .forEach(
            (name, values) -> {
              if (values.isEmpty()) {
                out.append(name);
              }
              values.stream().distinct().sorted().forEach(v -> out.append(name).append(v));
            });
    return out.toString();
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
