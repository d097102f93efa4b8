package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Razorpay: {@code X-Razorpay-Signature: <hex HMAC-SHA256(webhook secret, body)>}, no timestamp.
 * {@code x-razorpay-event-id} (unique per event, the same on its retries) dedupes; the type is the
 * body's {@code event} ({@code payment.captured}).
 */
public final class RazorpayProvider implements Provider {

  @Override
  public String name() {
    return "razorpay";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("X-Razorpay-Signature", "", SignatureEncoding.HEX, config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "x-razorpay-event-id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event");
  }
}
