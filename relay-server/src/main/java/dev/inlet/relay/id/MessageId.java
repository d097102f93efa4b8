package dev.inlet.relay.id;

import java.util.Optional;

/**
 * One message in one queue ({@code msg_…}): the row's sequence number in base 36. Not a secret:
 * every lookup is scoped by tenant, and settling a message needs its lease token too.
 */
public record MessageId(long value) {
  public static final String PREFIX = "msg_";

  public static Optional<MessageId> parse(String text) {
    if (text == null || !text.startsWith(PREFIX) || text.length() > PREFIX.length() + 13) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(text.substring(PREFIX.length()), 36);
      return value > 0 ? Optional.of(new MessageId(value)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return PREFIX + Long.toString(value, 36);
  }
}
