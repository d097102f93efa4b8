package dev.inlet.relay.handshake;

import java.util.Map;

/**
 * The answer to a handshake, written back as is.
 *
 * @param status the HTTP status
 * @param contentType the response content type
 * @param body the response body
 * @param headers extra response headers
 * @param learnedSecret a secret the provider disclosed in this handshake (Asana's {@code
 *     X-Hook-Secret}), for the pipeline to store as the endpoint's secret; null for every other
 *     reply. It is never rendered, and {@link #toString()} leaves it and header values out.
 */
public record HandshakeReply(
    int status, String contentType, String body, Map<String, String> headers, String learnedSecret) {

  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";

  /** Reflected text must never be sniffed into HTML. */
  private static final Map<String, String> NO_SNIFF = Map.of("X-Content-Type-Options", "nosniff");

  public HandshakeReply {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public HandshakeReply(int status, String contentType, String body, Map<String, String> headers) {
    this(status, contentType, body, headers, null);
  }

  public HandshakeReply(int status, String contentType, String body) {
    this(status, contentType, body, Map.of());
  }

  public static HandshakeReply text(int status, String body) {
    return new HandshakeReply(status, TEXT, body, NO_SNIFF);
  }

  public static HandshakeReply json(String body) {
    return new HandshakeReply(200, JSON, body, NO_SNIFF);
  }

  /** This reply, also reporting {@code secret} as learned from the handshake. */
  public HandshakeReply learning(String secret) {
    return new HandshakeReply(status, contentType, body, headers, secret);
  }

  /** This reply as it is sent, the learned secret kept back. */
  public HandshakeReply withoutLearnedSecret() {
    return new HandshakeReply(status, contentType, body, headers, null);
  }

  /** Without the learned secret or header values, which may hold it (Asana echoes its secret). */
  @Override
  public String toString() {
    return "HandshakeReply[status=" + status + ", contentType=" + contentType + ", body=" + body
        + ", headers=" + headers.keySet() + ", learnedSecret=" + (learnedSecret == null ? "none" : "[redacted]")
        + "]";
  }
}
