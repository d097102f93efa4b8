package dev.inlet.relay.id;

import java.util.Optional;

/** A minted token; the JWT's {@code jti} ({@code tok_…}). */
public record TokenId(String value) {
  public static final String PREFIX = "tok_";

  public TokenId {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a TokenId: " + value);
    }
  }

  public static TokenId random() {
    return new TokenId(RandomIds.next(PREFIX));
  }

  /** The id, if {@code text} has the right shape; lookups of anything else answer "not found". */
  public static Optional<TokenId> parse(String text) {
    return RandomIds.looksLike(PREFIX, text) ? Optional.of(new TokenId(text)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
