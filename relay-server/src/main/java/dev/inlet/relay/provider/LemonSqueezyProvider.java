package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Lemon Squeezy: {@code X-Signature: <hex HMAC-SHA256(signing secret, body)>}, no timestamp.
 * Lemon Squeezy sends no event id (the body's {@code meta.webhook_id} names the webhook, not the
 * event), so the body hash dedupes its retries. The type is {@code X-Event-Name}, else the body's
 * {@code meta.event_name} ({@code order_created}).
 */
public final class LemonSqueezyProvider implements Provider {

  @Override
  public String name() {
    return "lemonsqueezy";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("X-Signature", "", SignatureEncoding.HEX, config.secrets());
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Event-Name")
        .or(() -> EventFields.byJsonPointer(body, "/meta/event_name"));
  }
}
