package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inlet trigger <provider> <event-type>}: a realistic sample event, signed, posted to an endpoint. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
    description = {"Send a provider's sample event through an endpoint, signed as the provider does.", "",
        "For trying a pipeline end to end. The endpoint is --endpoint, else the dev endpoint inlet listen made for "
            + "the provider; the secret is --secret-env or --secret-file, else the one inlet listen keeps for that "
            + "endpoint. inlet trigger --list shows the samples shipped."},
    usageHelpAutoWidth = true,
    footer = {"", "Example:", "  inlet trigger stripe invoice.paid", "  inlet trigger github pull_request.opened --endpoint ep_… --secret-env GITHUB_WEBHOOK_SECRET",
        "", Exit.HELP, Exit.HELP2})
final class Trigger extends ApiCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PROVIDER", description = "stripe, github, shopify, slack, …")
  String provider;

  @Parameters(index = "1", arity = "0..1", paramLabel = "EVENT_TYPE", description = "invoice.paid, push, orders/create, …")
  String event;

  @Option(names = "--list", description = "List the samples shipped and exit.")
  boolean list;

  @Option(names = "--endpoint", paramLabel = "ID", description = "The endpoint to post to (ep_…).")
  String endpoint;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The dev endpoint's name, when no --endpoint is given (default: dev-PROVIDER, as inlet listen).")
  String name;

  @ArgGroup(exclusive = true)
  Admin.SecretSource secret;

  @Override
  boolean needsApi() {
    return !list;
  }

  @Override
  int run(Api api) throws Exception {
    if (list) {
      for (String[] s : Samples.list()) {
        out().println(s[0] + " " + s[1]);
      }
      out().flush();
      return Exit.OK;
    }
    if (provider == null || event == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give a provider and an event type, such as: inlet trigger stripe invoice.paid (--list shows them)");
    }
    Samples.Sample sample = Samples.load(provider, event);
    String devName = name != null ? name : Listen.devName(sample.provider());
    JsonNode ep = endpoint != null
        ? api.get("v1/endpoints/" + Api.enc(endpoint))
        : Listen.findEndpoint(api, devName).orElseThrow(() -> new IllegalArgumentException(
            "no endpoint named " + devName + ": pass --endpoint ep_…, or run inlet listen --provider "
                + sample.provider() + " first"));
    String id = ep.path("id").asText();
    String scheme = ep.path("verification").path("scheme").asText("none");
    String key = secret != null ? secret.read()
        : DevSecrets.beside(connection.profile().path()).read(ep.path("name").asText(), "inbound").orElse(null);
    if (key == null && !scheme.equals("none")) {
      throw new IllegalArgumentException("endpoint " + id + " verifies " + scheme
          + " signatures: pass its signing secret with --secret-env VAR or --secret-file PATH");
    }
    if (!scheme.equals("none") && !Signer.SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("endpoint " + id + " verifies " + scheme
          + ", which inlet trigger cannot sign with a shared secret; use an endpoint of scheme "
          + sample.provider() + " or none");
    }
    if (!scheme.equals(sample.provider()) && !scheme.equals("none")) {
      err().println("inlet: note: endpoint " + id + " verifies " + scheme + "; the " + sample.provider()
          + " sample is signed as " + scheme);
    }
    URI inbound = api.base().resolve("in/" + Api.enc(id));
    URI publicUrl = URI.create(ep.path("url").asText(inbound.toString()));
    Map<String, String> headers = new LinkedHashMap<>(sample.headers());
    if (key != null) {
      String deliveryId = Optional.ofNullable(sample.headers().get("webhook-id")).orElse("msg_" + Instant.now().toEpochMilli());
      headers.putAll(Signer.sign(scheme, sample.body(), key, Instant.now(), deliveryId, publicUrl));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(inbound).timeout(Duration.ofSeconds(30))
        .header("Content-Type", sample.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(sample.body()));
    headers.forEach(request::header);
    HttpResponse<String> response = api.exchange(request.build());
    JsonNode answer = Api.parse(response);
    out().println(response.statusCode() + " " + answer);
    out().flush();
    err().println("sent " + sample.provider() + " " + sample.event() + " to " + id + " (" + scheme + ")"
        + (answer.hasNonNull("eventId") ? " as " + answer.get("eventId").asText() : ""));
    err().flush();
    return Exit.OK;
  }
}
