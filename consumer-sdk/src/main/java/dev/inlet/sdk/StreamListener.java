package dev.inlet.sdk;

/**
 * Hears a {@link InletClient#stream stream}'s connection come and go: once per change, not once per
 * retry. Set it with {@link InletClient.Builder#streamListener}. Calls come from the stream's own
 * thread, one at a time: keep them short. An exception thrown here is logged and ignored.
 */
public interface StreamListener {
  /** Hears nothing. */
  StreamListener NONE = new StreamListener() {};

  /** The relay accepted the stream: the first time, or again after {@link #disconnected}. */
  default void connected(String queue) {}

  /**
   * The stream ended, or could not be opened; it reconnects with backoff, and this is not called
   * again before {@link #connected}.
   *
   * @param reason what happened, such as {@code ConnectException: Connection refused} or
   *     {@code 503 Service unavailable: …}; never a credential
   */
  default void disconnected(String queue, String reason) {}

  /**
   * The relay refused the stream for good (a 4xx other than 408/429: a refused token, an unknown
   * queue): it has stopped, as {@link Subscription#failure()} then says too.
   */
  default void refused(String queue, InletApiException refusal) {}
}
