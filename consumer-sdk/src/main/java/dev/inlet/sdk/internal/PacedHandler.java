package dev.inlet.sdk.internal;

import dev.inlet.sdk.Message;
import dev.inlet.sdk.MessageHandler;
import java.util.function.BooleanSupplier;

/**
 * A stream handler that may wait before it runs a message (for a free handler thread, say). Once
 * done waiting it asks {@code stillLeased}: false means the connection that brought the message
 * has ended, so the relay has given its lease back and will deliver it again; running it now would
 * run it twice.
 */
public interface PacedHandler extends MessageHandler {
  void handle(Message message, BooleanSupplier stillLeased) throws Exception;

  @Override
  default void handle(Message message) throws Exception {
    handle(message, () -> true);
  }
}
