package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.TimestampedSignatureVerifier;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Mux: {@code Mux-Signature: t=<unix s>,v1=<hex HMAC-SHA256(signing secret, "{t}.{body}")>}, every
 * {@code v1} tried, 300 s tolerance (as Mux's SDK). The body's {@code id} (the event's, the same on
 * its retries, while the body's {@code attempts} grows) dedupes; the type is the body's {@code
 * type} ({@code video.asset.ready}).
 */
public final class MuxProvider implements Provider {

  @Override
  public String name() {
    return "mux";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return TimestampedSignatureVerifier.of(
        "Mux-Signature", ",", "t", "v1", ".", config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/type");
  }
}
