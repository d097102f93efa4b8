package dev.inlet.relay.id;

import java.util.Optional;

/** An inbound endpoint; its id is part of the URL, so it is a capability ({@code ep_…}). */
public record EndpointId(String value) {
  public static final String PREFIX = "ep_";

  public EndpointId {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a EndpointId: " + value);
    }
  }

  public static EndpointId random() {
    return new EndpointId(RandomIds.next(PREFIX));
  }

  /** The id, if {@code text} has the right shape; lookups of anything else answer "not found". */
  public static Optional<EndpointId> parse(String text) {
    return RandomIds.looksLike(PREFIX, text) ? Optional.of(new EndpointId(text)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
