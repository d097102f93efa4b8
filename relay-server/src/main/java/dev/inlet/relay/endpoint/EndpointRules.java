package dev.inlet.relay.endpoint;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.provider.Provider;
import dev.inlet.relay.provider.Providers;
import dev.inlet.relay.provider.VerificationConfig;
import java.util.ArrayList;
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
    if (spec.dedupe() != null) {
      DedupeRule dedupe = spec.dedupe();
      int given = (dedupe.header() == null ? 0 : 1) + (dedupe.jsonPointer() == null ? 0 : 1) + (dedupe.bodyHash() ? 1 : 0);
      if (given != 1) {
        errors.add(new FieldError("/dedupe", "give exactly one of header, jsonPointer or bodyHash"));
      }
    }
    if (spec.routes() != null) {
      checkRoutes(spec.routes(), errors);
    }
    return errors;
  }

  private static void checkVerification(VerificationConfig config, List<FieldError> errors) {
    Optional<Provider> provider = Providers.byName(config.scheme());
    if (provider.isEmpty()) {
      errors.add(new FieldError("/verification/scheme", "unknown scheme '" + config.scheme() + "'"));
      return;
    }
    if (provider.get().needsSecrets() && config.secrets().isEmpty()) {
      errors.add(new FieldError("/verification/secrets", "scheme " + config.scheme() + " needs at least one secret"));
    }
    for (int i = 0; i < config.secrets().size(); i++) {
      if (config.secrets().get(i).isEmpty()) {
        errors.add(new FieldError("/verification/secrets/" + i, "a secret must not be empty"));
      }
    }
    if (errors.isEmpty()) {
      provider.get().check(config, errors);
    }
    if (errors.isEmpty()) {
      buildable(provider.get(), config, errors);
    }
  }

  /** What the provider's own checks let through must also build: the ingest path builds it later. */
  private static void buildable(Provider provider, VerificationConfig config, List<FieldError> errors) {
    try {
      provider.verifier(config);
      provider.handshakes(config);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("/verification", e.getMessage()));
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
