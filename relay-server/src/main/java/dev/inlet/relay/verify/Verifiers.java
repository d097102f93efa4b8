package dev.inlet.relay.verify;

import dev.inlet.relay.endpoint.Scheme;
import dev.inlet.relay.endpoint.VerificationConfig;
import java.util.List;

/**
 * Builds the verifier of an endpoint. Build once per configuration and reuse: keys are prepared
 * here.
 */
public final class Verifiers {

  private static final Verifier NONE = request -> Verdict.accepted();

  private Verifiers() {}

  /**
   * The verifier for an endpoint's configuration.
   *
   * @throws IllegalArgumentException when the configuration cannot be used: unknown scheme, no
   *     secret where one is needed, an unknown algorithm or encoding, a {@code whsec_} secret that
   *     is not base64. The message never contains secret material.
   */
  public static Verifier forConfig(VerificationConfig config) {
    Scheme scheme =
        Scheme.fromWireName(config.scheme())
            .orElseThrow(() -> new IllegalArgumentException("unknown scheme: " + config.scheme()));
    List<String> secrets = config.secrets();
    if (scheme.needsSecrets() && secrets.isEmpty()) {
      throw new IllegalArgumentException(scheme.wireName() + " scheme needs at least one secret");
    }
    int tolerance = config.toleranceOrDefault();
    switch (scheme) {
      case GITHUB:
        return HmacHeaderVerifier.github(secrets);
      case STRIPE:
        return TimestampedSignatureVerifier.stripe(secrets, tolerance);
      case STANDARD_WEBHOOKS:
        return new StandardWebhooksVerifier(secrets, tolerance);
      case SHOPIFY:
        return HmacHeaderVerifier.shopify(secrets);
      case SLACK:
        return SlackStyleVerifier.slack(secrets, tolerance);
      case ZOOM:
        return SlackStyleVerifier.zoom(secrets, tolerance);
      case PADDLE:
        return TimestampedSignatureVerifier.paddle(secrets, tolerance);
      case SQUARE:
        return new SquareVerifier(secrets);
      case TWILIO:
        return new TwilioVerifier(secrets);
      case GITLAB:
        return TokenVerifier.gitlab(secrets);
      case LINEAR:
        return new LinearVerifier(secrets, tolerance);
      case HMAC:
        return HmacHeaderVerifier.generic(config);
      case BASIC:
        return new BasicVerifier(config.username(), config.password());
      case BEARER:
        return TokenVerifier.bearer(config.header(), secrets);
      case NONE:
        return NONE;
      default:
        throw new IllegalArgumentException("unsupported scheme: " + scheme.wireName());
    }
  }
}
