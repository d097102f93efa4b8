package dev.inlet.relay.id;

import java.util.Optional;

/** An event as a provider sent it ({@code evt_…}). */
public record EventId(String value) {
  public static final String PREFIX = "evt_";

  public EventId {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a EventId: " + value);
    }
  }

  public static EventId random() {
    return new EventId(RandomIds.next(PREFIX));
  }

  /** The id, if {@code text} has the right shape; lookups of anything else answer "not found". */
  public static Optional<EventId> parse(String text) {
    return RandomIds.looksLike(PREFIX, text) ? Optional.of(new EventId(text)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
