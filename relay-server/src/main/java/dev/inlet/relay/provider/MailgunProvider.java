package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.Verifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Mailgun: {@code signature.signature} in the body = hex HMAC-SHA256(webhook signing key, {@code
 * signature.timestamp} + {@code signature.token}), timestamp within the tolerance (default 300 s);
 * legacy form-encoded webhooks send {@code timestamp}, {@code token} and {@code signature} as form
 * fields. Mailgun signs only the timestamp and token, not the event, so the token dedupes: Mailgun's
 * documented replay defence is to honour a token once, and keying by it stops a captured signature
 * being reused with another event inside the dedupe window. The type is {@code event-data.event}
 * (form field {@code event}).
 */
public final class MailgunProvider implements Provider {

  @Override
  public String name() {
    return "mailgun";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return new MailgunVerifier(config.secrets(), config.toleranceOrDefault());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/signature/token").or(() -> formField(body, "token"));
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byJsonPointer(body, "/event-data/event").or(() -> formField(body, "event"));
  }

  /** A field of a form-encoded body; empty for JSON bodies or when absent or blank. */
  static Optional<String> formField(EventBody body, String name) {
    if (body.json().isPresent()) {
      return Optional.empty();
    }
    String text = new String(body.bytes(), StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
        String value = decode(pair.substring(eq + 1)).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
