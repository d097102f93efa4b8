package dev.inlet.relay.handshake;

import dev.inlet.relay.verify.HeaderLookup;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handshake sees of an inbound request.
 *
 * @param method the HTTP method
 * @param query the query parameters, already URL-decoded
 * @param headers the request headers
 * @param body the raw body
 * @param contentType the request's content type, or null
 */
public record HandshakeRequest(
    String method,
    Map<String, List<String>> query,
    HeaderLookup headers,
    byte[] body,
    String contentType) {

  public HandshakeRequest {
    query = query == null ? Map.of() : query;
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(values.get(0));
  }

  public boolean isGet() {
    return "GET".equalsIgnoreCase(method);
  }

  public boolean isPost() {
    return "POST".equalsIgnoreCase(method);
  }
}
