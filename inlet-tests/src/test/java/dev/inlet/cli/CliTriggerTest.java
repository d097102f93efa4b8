package dev.inlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inlet trigger}: every sample shipped is signed as its provider signs, so the relay's own
 * verifier for that scheme accepts it, stores it with the sample's event type and routes it.
 */
class CliTriggerTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path config;
  private Api.TenantAccess tenant;
  private Cli cli;

  @BeforeEach
  void tenant() {
    tenant = relay.newTenant("trigger");
    cli = new Cli(relay.baseUrl(), tenant.adminToken(), config);
    assertThat(cli.run("queues", "create", "inbox").exit()).isZero();
  }

  @Test
  void atLeastTenSamplesOfTheMainProvidersShip() {
    Cli.Result list = new Cli(relay.baseUrl(), null, config).run("trigger", "--list");
    assertThat(list.exit()).as("--list needs no token").isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(10)
        .contains("stripe invoice.paid", "github push", "shopify orders/create", "slack app_mention",
            "twilio message.received", "standard-webhooks user.created");
  }

  @Test
  void everySampleIsAcceptedByTheRelaysVerifierForItsProvider() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String[] sample : Samples.list()) {
      String provider = sample[0];
      String secret = Signer.newSecret();
      Cli.Result endpoint = cli.env("SECRET", secret).run("endpoints", "create",
          RelayExtension.uniqueName(provider.replace("standard-webhooks", "sw")), "--provider", provider,
          "--secret-env", "SECRET", "--queue", "inbox");
      assertThat(endpoint.exit()).as(endpoint.toString()).isZero();
      String id = JSON.readTree(endpoint.out()).path("id").asText();

      for (int round = 1; round <= 2; round++) { // fresh ids each time: the second is no duplicate
        Cli.Result sent = cli.run("trigger", provider, sample[1], "--endpoint", id, "--secret-env", "SECRET");
        if (sent.exit() != 0 || !sent.out().startsWith("202 ")) {
          failures.add(provider + " " + sample[1] + " round " + round + ": " + sent);
          continue;
        }
        String eventId = JSON.readTree(sent.out().substring(4)).path("eventId").asText();
        JsonNode event = relay.api().read(tenant.adminToken(), "/v1/events/" + eventId);
        assertThat(event.path("endpointId").asText()).isEqualTo(id);
        assertThat(event.path("deliveries").get(0).path("queue").asText()).isEqualTo("inbox");
        if (!provider.equals("twilio") && !provider.equals("gitlab")) {
          assertThat(event.path("type").asText()).as(provider).isNotBlank();
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aWrongSecretIsRefusedByTheRelayWithItsProblem() throws Exception {
    Cli.Result endpoint = cli.env("SECRET", "whsec_the_right_one").run("endpoints", "create", "stripe-x",
        "--provider", "stripe", "--secret-env", "SECRET", "--queue", "inbox");
    String id = JSON.readTree(endpoint.out()).path("id").asText();
    Cli.Result sent = cli.env("WRONG", "whsec_a_wrong_one").run("trigger", "stripe", "invoice.paid", "--endpoint", id,
        "--secret-env", "WRONG");
    assertThat(sent.exit()).isEqualTo(Exit.TOKEN_REFUSED);
    assertThat(sent.err()).contains("(401)");
  }

  @Test
  void withoutAnEndpointItPointsAtListenAndAnUnknownSampleListsWhatThereIs() {
    Cli.Result none = cli.run("trigger", "stripe", "invoice.paid");
    assertThat(none.exit()).isEqualTo(Exit.USAGE);
    assertThat(none.err()).contains("no endpoint named dev-stripe").contains("inlet listen --provider stripe");

    Cli.Result unknown = cli.run("trigger", "stripe", "invoice.unheard_of");
    assertThat(unknown.exit()).isEqualTo(Exit.USAGE);
    assertThat(unknown.err()).contains("stripe has: ").contains("invoice.paid");
  }
}
