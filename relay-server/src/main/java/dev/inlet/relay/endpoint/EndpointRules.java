package dev.inlet.relay.endpoint;

import dev.inlet.relay.problem.FieldError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the rules the API contract's schema cannot express: what each verification scheme needs,
 * one source per filter, no queue routed twice. Returns every problem found, each with a pointer.
 */
public final class EndpointRules {
  private EndpointRules() {}

  public static List<FieldError> check(EndpointSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec.verification() != null) {
      checkVerification(spec.verification(), errors);
    }
    if (spec.dedupe() != null && !exactlyOne(spec.dedupe().header(), spec.dedupe().jsonPointer())) {
      errors.add(new FieldError("/dedupe", "give exactly one of header or jsonPointer"));
    }
    if (spec.routes() != null) {
      checkRoutes(spec.routes(), errors);
    }
    return errors;
  }

  private static void checkVerification(VerificationConfig config, List<FieldError> errors) {
    Optional<Scheme> scheme = Scheme.fromWireName(config.scheme());
    if (scheme.isEmpty()) {
      errors.add(new FieldError("/verification/scheme", "unknown scheme '" + config.scheme() + "'"));
      return;
    }
    if (scheme.get().needsSecrets() && config.secrets().isEmpty()) {
      errors.add(new FieldError("/verification/secrets", "scheme " + config.scheme() + " needs at least one secret"));
    }
    for (int i = 0; i < config.secrets().size(); i++) {
      if (config.secrets().get(i).isEmpty()) {
        errors.add(new FieldError("/verification/secrets/" + i, "a secret must not be empty"));
      }
    }
    switch (scheme.get()) {
      case HMAC -> {
        if (config.header() == null) {
          errors.add(new FieldError("/verification/header", "scheme hmac needs the signature header's name"));
        }
      }
      case BASIC -> {
        if (config.username() == null || config.password() == null) {
          errors.add(new FieldError("/verification/username", "scheme basic needs username and password"));
        }
      }
      case STANDARD_WEBHOOKS -> checkBase64Secrets(config, errors);
      default -> { }
    }
  }

  /** Standard Webhooks secrets are base64 keys, usually written {@code whsec_<base64>}. */
  private static void checkBase64Secrets(VerificationConfig config, List<FieldError> errors) {
    for (int i = 0; i < config.secrets().size(); i++) {
      String secret = config.secrets().get(i);
      String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
      try {
        Base64.getDecoder().decode(key);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("/verification/secrets/" + i, "a standard-webhooks secret is whsec_ followed by base64"));
      }
    }
  }

  private static void checkRoutes(List<Route> routes, List<FieldError> errors) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (!seen.add(route.queue())) {
        errors.add(new FieldError("/routes/" + i + "/queue", "queue '" + route.queue() + "' is routed twice"));
      }
      RouteFilter filter = route.filter();
      if (filter != null && !exactlyOne(filter.header(), filter.jsonPointer())) {
        errors.add(new FieldError("/routes/" + i + "/filter", "give exactly one of header or jsonPointer"));
      }
    }
  }

  private static boolean exactlyOne(String a, String b) {
    return (a == null) != (b == null);
  }
}
