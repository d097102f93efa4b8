package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Shopify: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(secret, body)>}; the webhook id dedupes, {@code X-Shopify-Topic} is the type.
 */
public final class ShopifyProvider implements Provider {

  @Override
  public String name() {
    return "shopify";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("X-Shopify-Hmac-Sha256", "", SignatureEncoding.BASE64, config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Shopify-Webhook-Id").or(() -> EventFields.byHeader(headers, "X-Shopify-Event-Id"));
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Shopify-Topic");
  }
}
