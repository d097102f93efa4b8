package dev.inlet.relay.secret;

/** A sealed secret that no key of the ring opens: a missing previous key, or an altered value. */
public final class UnreadableSecretException extends RuntimeException {
  public UnreadableSecretException(String message) {
    super(message, null, false, false);
  }
}
