package dev.inlet.relay.id;

import java.util.Optional;

/** A tenant ({@code ten_…}). */
public record TenantId(String value) {
  public static final String PREFIX = "ten_";

  public TenantId {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a TenantId: " + value);
    }
  }

  public static TenantId random() {
    return new TenantId(RandomIds.next(PREFIX));
  }

  /** The id, if {@code text} has the right shape; lookups of anything else answer "not found". */
  public static Optional<TenantId> parse(String text) {
    return RandomIds.looksLike(PREFIX, text) ? Optional.of(new TenantId(text)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
