package dev.inlet.relay.ingest;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.provider.EventBody;
import dev.inlet.relay.provider.EventFields;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key two deliveries of the same event share: the endpoint's configured header or JSON pointer,
 * or the body hash when its rule asks for that,
 * else the provider's own event id, else the SHA-256 of the body. The prefix keeps the kinds apart.
 */
final class DedupeKeys {
  private static final int MAX_ID_LENGTH = 512;

  private DedupeKeys() {}

  static String keyFor(IngestEndpoint endpoint, HeaderLookup headers, EventBody body) {
    Optional<String> id;
    if (endpoint.dedupe() != null && endpoint.dedupe().bodyHash()) {
      id = Optional.empty();
    } else if (endpoint.dedupe() != null) {
      id = endpoint.dedupe().header() != null
          ? EventFields.byHeader(headers, endpoint.dedupe().header())
          : EventFields.byJsonPointer(body, endpoint.dedupe().jsonPointer());
    } else {
      id = endpoint.provider().eventId(headers, body);
    }
    return id.filter(value -> !value.isEmpty() && value.length() <= MAX_ID_LENGTH)
        .map(value -> "id:" + value)
        .orElseGet(() -> "sha256:" + sha256Hex(body.bytes()));
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
