package dev.inlet.relay.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a verifier sees of an inbound request.
 *
 * @param method the HTTP method
 * @param publicUrl the full URL the provider called, query string included (Square and Twilio sign
 *     it)
 * @param headers the request headers
 * @param body the raw body, exactly as received
 * @param formParams decoded {@code application/x-www-form-urlencoded} body parameters, else empty
 *     (Twilio)
 * @param now the current time, injected so that tolerance checks are deterministic in tests
 */
public record SignedRequest(
    String method,
    String publicUrl,
    HeaderLookup headers,
    byte[] body,
    Map<String, List<String>> formParams,
    Instant now) {

  public SignedRequest {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(now, "now");
    body = body == null ? new byte[0] : body;
    formParams = formParams == null ? Map.of() : formParams;
  }
}
