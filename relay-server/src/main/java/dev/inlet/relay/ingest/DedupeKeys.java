package dev.inlet.relay.ingest;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.ProviderIds;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key two deliveries of the same event share: the endpoint's configured header or JSON pointer,
 * else the provider's own event id, else the SHA-256 of the body. The prefix keeps the kinds apart.
 */
final class DedupeKeys {
  private static final int MAX_ID_LENGTH = 512;

  private DedupeKeys() {}

  static String keyFor(IngestEndpoint endpoint, HeaderLookup headers, byte[] body) {
    Optional<String> id;
    if (endpoint.dedupe() != null) {
      id = endpoint.dedupe().header() != null
          ? ProviderIds.byHeader(headers, endpoint.dedupe().header())
          : ProviderIds.byJsonPointer(body, endpoint.dedupe().jsonPointer());
    } else {
      id = ProviderIds.dedupeId(endpoint.scheme(), headers, body);
    }
    return id.filter(value -> !value.isEmpty() && value.length() <= MAX_ID_LENGTH)
        .map(value -> "id:" + value)
        .orElseGet(() -> "sha256:" + sha256Hex(body));
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
