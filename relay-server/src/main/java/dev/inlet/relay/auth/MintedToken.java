package dev.inlet.relay.auth;

import dev.inlet.relay.id.TokenId;
import java.time.OffsetDateTime;
import java.util.List;

/** A token just minted: the only moment its JWT text exists outside the caller's hands. */
public record MintedToken(TokenId id, String jwt, List<String> scopes, OffsetDateTime expiresAt) {}
