package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Sentry (integration platform): {@code Sentry-Hook-Signature: <hex HMAC-SHA256(client secret,
 * body)>}. {@code Sentry-Hook-Timestamp} is sent but not signed, so no tolerance applies. {@code
 * Request-ID} is made afresh for every attempt (Sentry's retries rebuild the request), so it cannot
 * dedupe retries; the body hash does. The type is {@code {Sentry-Hook-Resource}.{action}}, such as
 * {@code issue.created}.
 */
public final class SentryProvider implements Provider {

  @Override
  public String name() {
    return "sentry";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("Sentry-Hook-Signature", "", SignatureEncoding.HEX, config.secrets());
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "Sentry-Hook-Resource")
        .map(resource -> EventFields.byJsonPointer(body, "/action").map(a -> resource + "." + a).orElse(resource));
  }
}
