package dev.inlet.sdk;

/**
 * Thrown by a handler for a message that no retry will fix (malformed, refers to nothing): the
 * {@link Worker} rejects it to the dead letters at once instead of nacking it.
 */
public class PermanentFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PermanentFailure(String message) {
    super(message);
  }

  public PermanentFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
