package dev.inlet.relay.auth;

import dev.inlet.relay.store.TokenStore;
import dev.inlet.relay.id.TokenId;
import java.time.OffsetDateTime;
import java.util.List;

/** What the relay keeps of a minted token: never the JWT itself. */
public record TokenRecord(TokenId id, List<String> scopes, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
    OffsetDateTime createdAt) {

  static TokenRecord from(TokenStore.TokenRow row) {
    return new TokenRecord(row.id(), row.scopes(), row.expiresAt(), row.revokedAt(), row.createdAt());
  }
}
