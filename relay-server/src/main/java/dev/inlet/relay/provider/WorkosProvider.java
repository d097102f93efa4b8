package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * WorkOS: {@code WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256(secret, "{t}.{body}")>}, the
 * timestamp within the tolerance, 180 s unless configured (the WorkOS SDKs' default). The body's
 * {@code id} (the event's) dedupes; {@code event} is the type, such as {@code user.created}.
 */
public final class WorkosProvider implements Provider {

  /** The WorkOS SDKs' default tolerance (180000 ms in @workos-inc/node, 180 s in the Ruby gem). */
  static final int DEFAULT_TOLERANCE_SECONDS = 180;

  @Override
  public String name() {
    return "workos";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    Integer tolerance = config.toleranceSeconds();
    return new WorkosVerifier(config.secrets(), tolerance == null ? DEFAULT_TOLERANCE_SECONDS : tolerance);
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event");
  }
}
