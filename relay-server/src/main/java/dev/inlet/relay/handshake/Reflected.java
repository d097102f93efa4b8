package dev.inlet.relay.handshake;

import java.util.Optional;

/** A provider-chosen value that is echoed back or signed: its length is limited. */
final class Reflected {

  static final int MAX_LENGTH = 1024;

  private Reflected() {}

  static boolean isAcceptable(String value) {
    return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH;
  }

  /** 200 with the value as plain text, or 400 when it is empty or too long. */
  static Optional<HandshakeReply> echo(String value) {
    return Optional.of(
        isAcceptable(value)
            ? HandshakeReply.text(200, value)
            : HandshakeReply.text(400, "challenge missing or too long"));
  }
}
