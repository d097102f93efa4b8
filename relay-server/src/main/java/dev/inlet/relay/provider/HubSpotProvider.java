package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * HubSpot, signature v3: {@code X-HubSpot-Signature-v3: <base64 HMAC-SHA256(client secret, method +
 * URI + body + timestamp)>} with {@code X-HubSpot-Request-Timestamp} in milliseconds, refused when
 * outside the tolerance (300 s: HubSpot says older than 5 minutes). The URI is the public URL
 * ({@code INLET_PUBLIC_URL} must be exact), decoded as HubSpot documents. HubSpot posts a batch (a
 * JSON array) of events: the first one's {@code eventId} dedupes and its {@code subscriptionType}
 * is the type.
 */
public final class HubSpotProvider implements Provider {

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new HubSpotVerifier(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/0/eventId");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/0/subscriptionType");
  }
}
