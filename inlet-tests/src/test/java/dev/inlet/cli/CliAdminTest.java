package dev.inlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import dev.inlet.relay.testing.TestRelay;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The admin commands against a real relay: what they print, what they change, and their exit status. */
class CliAdminTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path config;
  private Api.TenantAccess tenant;
  private Cli cli;

  @BeforeEach
  void tenant() {
    tenant = relay.newTenant("cli");
    cli = new Cli(relay.baseUrl(), tenant.adminToken(), config);
  }

  @Test
  void queuesAreCreatedListedShownPausedResumedAndDeleted() throws Exception {
    Cli.Result created = cli.run("queues", "create", "orders", "--lease-seconds", "45", "--max-attempts", "3");
    assertThat(created.exit()).as(created.toString()).isZero();
    assertThat(JSON.readTree(created.out()).path("leaseSeconds").asInt()).isEqualTo(45);

    Cli.Result list = cli.run("queues", "list");
    assertThat(list.out()).startsWith("NAME").containsPattern("(?m)^orders\\s+45\\s+3\\s");

    Cli.Result paused = cli.run("pause", "orders");
    assertThat(paused.exit()).isZero();
    assertThat(JSON.readTree(relay.api().read(tenant.adminToken(), "/v1/queues/orders").toString())
        .path("paused").asBoolean()).isTrue();
    assertThat(cli.run("resume", "orders").exit()).isZero();
    assertThat(relay.api().read(tenant.adminToken(), "/v1/queues/orders").path("paused").asBoolean()).isFalse();

    Cli.Result shown = cli.run("queues", "show", "orders");
    assertThat(JSON.readTree(shown.out()).path("stats").has("ready")).isTrue();

    Cli.Result again = cli.run("queues", "create", "orders");
    assertThat(again.exit()).isEqualTo(Exit.CONFLICT);
    assertThat(again.err()).startsWith("inlet: ").contains("(409)").doesNotContain("Exception");

    assertThat(cli.run("queues", "delete", "orders").exit()).isZero();
    Cli.Result gone = cli.run("queues", "show", "orders");
    assertThat(gone.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(gone.err()).contains("(404)");
  }

  @Test
  void aRefusedBodyPrintsTheProblemsTitleDetailAndPointerAndChangesNothing() {
    Cli.Result bad = cli.run("queues", "create", "Bad Name");
    assertThat(bad.exit()).isEqualTo(Exit.REFUSED);
    assertThat(bad.err()).contains("inlet: Request is not valid: /name").contains("(400)").contains("  /name: ");
    assertThat(cli.run("queues", "list").out().strip()).isEqualTo("NAME  LEASESECONDS  MAXATTEMPTS  CREATEDAT");
  }

  @Test
  void endpointsTakeTheirSecretFromTheEnvironmentAndNeverPrintIt() throws Exception {
    cli.run("queues", "create", "orders");
    Cli.Result created = cli.env("STRIPE_SECRET", "whsec_cli_test_secret")
        .run("endpoints", "create", "stripe-prod", "--provider", "stripe", "--secret-env", "STRIPE_SECRET", "--queue", "orders");
    assertThat(created.exit()).as(created.toString()).isZero();
    JsonNode endpoint = JSON.readTree(created.out());
    String id = endpoint.path("id").asText();
    assertThat(endpoint.path("verification").path("secretCount").asInt()).isEqualTo(1);
    assertThat(created.out() + created.err()).doesNotContain("whsec_cli_test_secret");
    assertThat(created.err()).contains("the provider posts to " + endpoint.path("url").asText());

    assertThat(cli.run("endpoints", "list").out()).containsPattern(id + "\\s+stripe-prod\\s+stripe\\s+true");
    assertThat(JSON.readTree(cli.run("endpoints", "show", id).out()).path("name").asText()).isEqualTo("stripe-prod");
    assertThat(cli.run("endpoints", "delete", id).exit()).isZero();
    assertThat(cli.run("endpoints", "show", id).exit()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void tokensAreMintedShownOnceListedAndRevoked() throws Exception {
    cli.run("queues", "create", "orders");
    Cli.Result minted = cli.run("tokens", "create", "--scope", "consume:orders", "--ttl", "600");
    assertThat(minted.exit()).as(minted.toString()).isZero();
    JsonNode token = JSON.readTree(minted.out());
    String id = token.path("id").asText();
    String jwt = token.path("token").asText();
    assertThat(jwt).isNotBlank();

    Cli.Result list = cli.run("tokens", "list");
    assertThat(list.out()).contains(id).doesNotContain(jwt);
    assertThat(JSON.readTree(cli.run("tokens", "show", id).out()).path("id").asText()).isEqualTo(id);

    Cli.Result asConsumer = new Cli(relay.baseUrl(), jwt, config).run("queues", "list");
    assertThat(asConsumer.exit()).isEqualTo(Exit.TOKEN_REFUSED);

    assertThat(cli.run("tokens", "delete", id).exit()).isZero();
    assertThat(cli.run("tokens", "show", "tok_doesnotexist").exit()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void tenantsAreManagedWithTheOperatorTokenByNameOrId() throws Exception {
    Cli operator = new Cli(relay.baseUrl(), TestRelay.OPERATOR_TOKEN, config);
    String name = RelayExtension.uniqueName("cli-tenant");
    Cli.Result created = operator.run("tenants", "create", name);
    assertThat(created.exit()).as(created.toString()).isZero();
    String id = JSON.readTree(created.out()).path("id").asText();
    assertThat(id).startsWith("ten_");

    Cli.Result shown = operator.run("tenants", "show", name);
    assertThat(JSON.readTree(shown.out()).path("id").asText()).as(shown.toString()).isEqualTo(id);

    Cli.Result minted = operator.run("tenants", "admin-token", name);
    assertThat(minted.exit()).isZero();
    String admin = minted.out().strip();
    Cli.Result asAdmin = new Cli(relay.baseUrl(), admin, config).run("queues", "create", "from-minted");
    assertThat(asAdmin.exit()).as(asAdmin.toString()).isZero();

    assertThat(cli.run("tenants", "list").exit()).as("a tenant admin may not list tenants").isEqualTo(Exit.TOKEN_REFUSED);
    assertThat(operator.run("tenants", "show", "no-such-tenant").exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(operator.run("tenants", "delete", id).exit()).isZero();
  }

  @Test
  void eventsAreListedShownAndTailedWithoutLeasingAnything() throws Exception {
    TestQueue queue = relay.newQueue(tenant, java.util.Map.of("leaseSeconds", 30));
    String first = queue.ingestJson("{\"type\":\"invoice.paid\",\"n\":1}");
    Cli.Result list = cli.run("events", "list", "--queue", queue.name);
    assertThat(list.out()).as(list.toString()).contains(first);
    Cli.Result shown = cli.run("events", "show", first);
    assertThat(JSON.readTree(shown.out()).path("id").asText()).isEqualTo(first);

    List<Cli.Result> tail = new ArrayList<>();
    Thread tailer = new Thread(() -> tail.add(cli.run("events", "tail", "--queue", queue.name, "--interval", "0.2",
        "--count", "1")));
    tailer.start();
    Thread.sleep(1_000); // it has read what was there: only what comes next is printed
    String second = queue.ingestJson("{\"type\":\"invoice.paid\",\"n\":2}");
    tailer.join(20_000);
    assertThat(tail).hasSize(1);
    assertThat(tail.get(0).exit()).isZero();
    assertThat(tail.get(0).out()).contains(second).doesNotContain(first);
    JsonNode stats = queue.stats();
    assertThat(stats.path("ready").asInt()).as("tail leases nothing").isEqualTo(2);
    assertThat(stats.path("leased").asInt()).isZero();
  }

  @Test
  void redriveAndReplayAnswerWithWhatTheyDid() throws Exception {
    TestQueue queue = relay.newQueue(tenant, java.util.Map.of("leaseSeconds", 30));
    queue.ingestJson("{\"type\":\"order.created\"}");
    Cli.Result redrive = cli.run("redrive", queue.name);
    assertThat(redrive.exit()).as(redrive.toString()).isZero();
    assertThat(JSON.readTree(redrive.out()).path("redriven").asInt()).isZero();

    Cli.Result replay = cli.run("replay", queue.name, "--from", "1h", "--type", "order.created");
    assertThat(replay.exit()).as(replay.toString()).isZero();
    assertThat(JSON.readTree(replay.out()).path("id").asText()).startsWith("rpl_");
    assertThat(cli.run("replay", queue.name, "--from", "yesterday").err()).contains("not a time: 'yesterday'");
  }

  @Test
  void noRelayNoTokenAndBadUsageHaveExitCodesOfTheirOwn() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Cli.Result unreachable = new Cli("http://127.0.0.1:" + port, "t", config).run("queues", "list");
    assertThat(unreachable.exit()).isEqualTo(Exit.UNREACHABLE);
    assertThat(unreachable.err()).contains("cannot reach the relay at http://127.0.0.1:" + port);

    Cli.Result noToken = new Cli(relay.baseUrl(), null, config).run("queues", "list");
    assertThat(noToken.exit()).isEqualTo(Exit.USAGE);
    assertThat(noToken.err()).contains("no token: export INLET_TOKEN, pass --token-file, or run inlet login");

    Cli.Result badToken = new Cli(relay.baseUrl(), "not-a-token", config).run("queues", "list");
    assertThat(badToken.exit()).isEqualTo(Exit.TOKEN_REFUSED);
    assertThat(badToken.err()).doesNotContain("not-a-token");

    Cli.Result unknown = cli.run("queues", "frobnicate");
    assertThat(unknown.exit()).isEqualTo(Exit.USAGE);
    assertThat(unknown.err()).contains("--help");
  }

  @Test
  void aProfileGivesUrlAndTokenAndOneOthersCanReadIsRefused() throws Exception {
    Path profile = config.resolve("inlet").resolve("profile");
    Profile.write(profile, relay.baseUrl(), tenant.adminToken());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
    Cli fromProfile = new Cli(relay.baseUrl(), null, config).env("INLET_URL", null);
    Cli.Result ok = fromProfile.run("queues", "list");
    assertThat(ok.exit()).as(ok.toString()).isZero();

    Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result refused = fromProfile.run("queues", "list");
    assertThat(refused.exit()).isEqualTo(Exit.USAGE);
    assertThat(refused.err()).contains("permissions 0644 for profile").contains("chmod 600");
  }

  @Test
  void loginReadsTheTokenFromStdinIntoAnOwnerOnlyProfileThatLaterCommandsUse() throws Exception {
    java.io.InputStream stdin = System.in;
    Cli.Result login;
    try {
      System.setIn(new java.io.ByteArrayInputStream((tenant.adminToken() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      login = new Cli(relay.baseUrl(), null, config).run("login", "--url", relay.baseUrl());
    } finally {
      System.setIn(stdin);
    }
    assertThat(login.exit()).as(login.toString()).isZero();
    Path profile = config.resolve("inlet").resolve("profile");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.getParent()))).isEqualTo("rwx------");
    Cli.Result list = new Cli(relay.baseUrl(), null, config).env("INLET_URL", null).run("queues", "list");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out() + list.err()).doesNotContain(tenant.adminToken());
  }

  @Test
  void everyCommandAnswersHelpAndCompletionCoversThem() {
    List<String> paths = new ArrayList<>();
    collect(Inlet.commandLine(), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(30);
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.removeIf(String::isEmpty);
      args.add("--help");
      Cli.Result help = cli.run(args.toArray(String[]::new));
      assertThat(help.exit()).as(path).isZero();
      assertThat(help.out()).as(path).contains("Usage: inlet");
    }
    Cli.Result completion = cli.run("completion");
    assertThat(completion.out()).contains("complete -F").contains("listen").contains("trigger").contains("endpoints");
    assertThat(cli.run("--version").out()).startsWith("inlet 0.1.0");
  }

  private static void collect(CommandLine line, List<String> prefix, List<String> out) {
    out.add(String.join(" ", prefix));
    line.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().name().equals(name)) {
        return; // an alias
      }
      List<String> next = new ArrayList<>(prefix);
      next.add(name);
      collect(sub, next, out);
    });
  }
}
