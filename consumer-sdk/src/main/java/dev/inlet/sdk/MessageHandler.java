package dev.inlet.sdk;

/** Processes one delivered message. */
@FunctionalInterface
public interface MessageHandler {
  /**
   * Handles {@code message}. Under a {@link Worker}, returning acks it, a {@link PermanentFailure}
   * rejects it and any other exception nacks it for a retry.
   */
  void handle(Message message) throws Exception;
}
