package dev.inlet.relay.handshake;

import java.util.Map;

/**
 * The answer to a handshake, written back as is.
 *
 * @param status the HTTP status
 * @param contentType the response content type
 * @param body the response body
 * @param headers extra response headers
 */
public record HandshakeReply(
    int status, String contentType, String body, Map<String, String> headers) {

  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";

  /** Reflected text must never be sniffed into HTML. */
  private static final Map<String, String> NO_SNIFF = Map.of("X-Content-Type-Options", "nosniff");

  public HandshakeReply {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
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
}
