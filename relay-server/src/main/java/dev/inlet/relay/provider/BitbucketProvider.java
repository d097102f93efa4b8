package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.verify.HmacHeaderVerifier;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.Verifier;
import java.util.Optional;

/**
 * Bitbucket Cloud: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>} (sent only by a
 * webhook given a secret). {@code X-Request-UUID}, the request's UUID whose attempts Bitbucket counts
 * in {@code X-Attempt-Number}, dedupes; {@code X-Hook-UUID} names the webhook, not the event, so it
 * cannot. The type is {@code X-Event-Key}, such as {@code repo:push}.
 */
public final class BitbucketProvider implements Provider {

  @Override
  public String name() {
    return "bitbucket";
  }

  @Override
  public Verifier verifier(VerificationConfig config) {
    return HmacHeaderVerifier.bodyOnly("X-Hub-Signature", "sha256=", SignatureEncoding.HEX, config.secrets());
  }

  @Override
  public Optional<String> eventId(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Request-UUID");
  }

  @Override
  public Optional<String> eventType(HeaderLookup headers, EventBody body) {
    return EventFields.byHeader(headers, "X-Event-Key");
  }
}
