package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inlet listen --forward-to URL}: the one-command dev loop. Makes (or reuses) a dev queue and an
 * endpoint routed to it, prints the inbound URL to paste into the provider, then streams the queue and
 * forwards each delivery with the provider's headers and exact bytes, re-signed with a local secret
 * when {@code --resign} is given.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {"The dev loop: a dev endpoint and queue, forwarded to your app.", "",
        "Creates (or reuses) an endpoint and a queue named dev-PROVIDER, prints the inbound URL to paste into the "
            + "provider, and forwards every delivery to your app with its headers and exact bytes, acking on 2xx.",
        "With --resign each delivery is signed anew, when it is sent, with a local secret this prints (whsec_…): "
            + "your app checks that one, and its timestamp tolerance passes on redeliveries too.",
        "One line per delivery (status, latency, attempt); the relay being lost and regained on stderr."},
    usageHelpAutoWidth = true,
    footer = {"", "Example:", "  inlet listen --provider stripe --forward-to http://localhost:3000/webhooks --resign",
        "  inlet trigger stripe invoice.paid        # in another terminal", "", Exit.HELP, Exit.HELP2})
final class Listen implements Callable<Integer> {
  @Mixin
  Connection connection;

  @Mixin
  Forwarding forwarding;

  @Spec
  CommandSpec spec;

  @Option(names = "--forward-to", required = true, paramLabel = "URL",
      description = "Your app's webhook URL, such as http://localhost:3000/webhooks.")
  URI to;

  @Option(names = "--provider", paramLabel = "SCHEME", defaultValue = "none",
      description = "Who sends: stripe, github, shopify, slack, standard-webhooks, … (docs/providers.md); "
          + "the endpoint verifies its signatures (default ${DEFAULT-VALUE}: no verification).")
  String provider;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The dev endpoint's and queue's name (default dev-PROVIDER, or dev).")
  String name;

  @ArgGroup(exclusive = true)
  Admin.SecretSource secret;

  @Option(names = "--resign", description = "Sign each delivery anew with a local secret (printed; kept for the next run).")
  boolean resign;

  static String devName(String provider) {
    return provider == null || provider.equals("none") ? "dev" : "dev-" + provider.toLowerCase(Locale.ROOT);
  }

  @Override
  public Integer call() throws Exception {
    Api api = connection.api();
    String scheme = provider.toLowerCase(Locale.ROOT);
    String dev = name != null ? name : devName(scheme);
    DevSecrets secrets = DevSecrets.beside(connection.profile().path());
    var err = System.err;

    ensureQueue(api, dev);
    String given = secret == null ? null : secret.read();
    Optional<JsonNode> existing = findEndpoint(api, dev);
    JsonNode endpoint;
    if (existing.isEmpty()) {
      ObjectNode body = Api.object().put("name", dev);
      ObjectNode verification = body.putObject("verification").put("scheme", scheme);
      if (!scheme.equals("none")) {
        String inbound = given;
        if (inbound == null) {
          inbound = secrets.readOrCreate(dev, "inbound");
          err.println("No provider secret given: the endpoint verifies " + scheme + " signatures with a secret kept in "
              + secrets.file(dev, "inbound") + " (inlet trigger uses it). For the real " + scheme
              + ", run again with --secret-env VAR holding its signing secret.");
        } else {
          secrets.write(dev, "inbound", inbound);
        }
        verification.putArray("secrets").add(inbound);
      }
      body.putArray("routes").addObject().put("queue", dev);
      endpoint = api.post("v1/endpoints", body);
      err.println("Created endpoint " + dev + " (" + endpoint.path("id").asText() + "), routed to queue " + dev);
    } else {
      endpoint = existing.get();
      String has = endpoint.path("verification").path("scheme").asText();
      if (!has.equals(scheme)) {
        throw new IllegalArgumentException("endpoint " + dev + " exists and verifies " + has + ", not " + scheme
            + "; pass --provider " + has + " or another --name");
      }
      if (given != null) {
        ObjectNode patch = Api.object();
        patch.putObject("verification").put("scheme", scheme).putArray("secrets").add(given);
        endpoint = api.patch("v1/endpoints/" + Api.enc(endpoint.path("id").asText()), patch);
        secrets.write(dev, "inbound", given);
        err.println("Reusing endpoint " + dev + " (" + endpoint.path("id").asText() + "); its secret is now the one given");
      } else {
        err.println("Reusing endpoint " + dev + " (" + endpoint.path("id").asText() + "), routed to queue " + dev);
      }
    }

    Forward.Resign resigner = null;
    if (resign) {
      String local = secrets.readOrCreate(dev, "local");
      String as = Signer.schemeFor(scheme.equals("none") ? Signer.STANDARD_WEBHOOKS : scheme);
      err.println("Your local webhook signing secret is " + local + " (re-signed as " + as + ", at send time)");
      resigner = (message, target) -> Signer.sign(as, message.body(), local, Instant.now(),
          message.eventId() == null ? message.id() : message.eventId(), target);
    }
    System.out.println("Ready! Paste this URL into the provider's webhook settings: " + endpoint.path("url").asText());
    System.out.flush();
    return forwarding.run(api.base(), connection.token(), dev, to, resigner);
  }

  static void ensureQueue(Api api, String name) {
    try {
      api.get("v1/queues/" + Api.enc(name));
    } catch (ApiException e) {
      if (e.status() != 404) {
        throw e;
      }
      api.post("v1/queues", Api.object().put("name", name));
    }
  }

  /** The tenant's endpoint named {@code name}, if any. */
  static Optional<JsonNode> findEndpoint(Api api, String name) {
    String cursor = null;
    do {
      JsonNode page = api.get(Api.query("v1/endpoints", Admin.paging(100, cursor)));
      for (JsonNode e : page.path("items")) {
        if (name.equals(e.path("name").asText())) {
          return Optional.of(e);
        }
      }
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return Optional.empty();
  }
}
