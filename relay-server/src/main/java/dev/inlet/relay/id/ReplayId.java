package dev.inlet.relay.id;

import java.util.Optional;

/** A replay job ({@code rpl_…}). */
public record ReplayId(String value) {
  public static final String PREFIX = "rpl_";

  public ReplayId {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a ReplayId: " + value);
    }
  }

  public static ReplayId random() {
    return new ReplayId(RandomIds.next(PREFIX));
  }

  /** The id, if {@code text} has the right shape; lookups of anything else answer "not found". */
  public static Optional<ReplayId> parse(String text) {
    return RandomIds.looksLike(PREFIX, text) ? Optional.of(new ReplayId(text)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
