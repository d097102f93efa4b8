package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * PagerDuty v3 webhooks: {@code X-PagerDuty-Signature: v1=<hex>,v1=<hex>}, each a hex HMAC-SHA256
 * of the body (several while PagerDuty rotates; any may match). The body's {@code event.id}
 * dedupes; {@code event.event_type} is the type, such as {@code incident.triggered}.
 */
public final class PagerDutyProvider implements Provider {

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new PagerDutyVerifier(config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event/id");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event/event_type");
  }
}
