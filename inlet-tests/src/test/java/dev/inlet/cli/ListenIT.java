package dev.inlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev loop as a user runs it, with the packaged CLI: {@code inlet listen --provider stripe
 * --forward-to … --resign} against a real relay and a real local HTTP app, {@code inlet trigger stripe
 * invoice.paid} in another process. The app gets the exact bytes, signed with the local secret at
 * send time, which Stripe's own library (stripe-java) accepts with its 5-minute tolerance, on the
 * redelivery too.
 */
class ListenIT {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();

  record Received(Headers headers, byte[] body, long atSeconds) {}

  @TempDir Path config;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
  private HttpServer app;
  private Api.TenantAccess tenant;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/webhooks", exchange -> {
      received.add(new Received(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes(),
          System.currentTimeMillis() / 1000));
      Integer status = answers.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    app.start();
    tenant = relay.newTenant("listen");
    env = Map.of("INLET_URL", relay.baseUrl(), "INLET_TOKEN", tenant.adminToken(),
        "XDG_CONFIG_HOME", config.toString());
  }

  @AfterEach
  void stop() {
    app.stop(0);
  }

  @Test
  void listenForwardsTriggeredEventsResignedSoStripesLibraryAcceptsThemOnRedeliveryToo() throws Exception {
    String target = "http://127.0.0.1:" + app.getAddress().getPort() + "/webhooks";
    String localSecret;
    try (CliProcess listen = CliProcess.start(env, "listen", "--provider", "stripe", "--forward-to", target, "--resign")) {
      String inbound = listen.await(Pattern.compile("Paste this URL into the provider's webhook settings: (\\S+)"),
          Duration.ofSeconds(60));
      localSecret = listen.await(Pattern.compile("Your local webhook signing secret is (whsec_\\S+)"), Duration.ofSeconds(5));
      listen.await(Pattern.compile("Z connected to " + Pattern.quote(relay.baseUrl()) + ", queue dev-stripe"),
          Duration.ofSeconds(30));
      assertThat(inbound).startsWith(relay.publicUrl() + "/in/ep_");
      assertThat(listen.err()).contains("Created endpoint dev-stripe");
      Path inboundSecret = config.resolve("inlet/dev/dev-stripe.inbound");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inboundSecret))).isEqualTo("rw-------");

      answers.add(500); // the app fails the first delivery: the relay redelivers it
      CliProcess trigger = CliProcess.run(env, "trigger", "stripe", "invoice.paid");
      assertThat(trigger.exitCode()).as(trigger.toString()).isZero();
      assertThat(trigger.out()).startsWith("202 {\"eventId\":\"evt_");
      String eventId = trigger.out().replaceAll("(?s).*\"eventId\":\"(evt_[A-Za-z0-9]+)\".*", "$1");

      listen.await(Pattern.compile("msg_\\S+ 500 \\d+ms  attempt 1  " + eventId), Duration.ofSeconds(30));
      CliProcess.until(v -> relay.database().endDelays(tenant.id(), "dev-stripe") > 0 || received.size() > 1,
          Duration.ofSeconds(30), listen);
      listen.await(Pattern.compile("msg_\\S+ 200 \\d+ms  attempt 2  " + eventId), Duration.ofSeconds(30));

      byte[] stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(relay.baseUrl() + "/v1/events/" + eventId + "/body"))
          .header("Authorization", "Bearer " + tenant.adminToken()).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
      assertThat(received).hasSize(2);
      String inboundKey = Files.readString(inboundSecret).strip();
      for (Received delivery : received) {
        assertThat(delivery.body()).as("the exact bytes").isEqualTo(stored);
        List<String> signatures = delivery.headers().get("Stripe-Signature");
        assertThat(signatures).as("one signature, ours").hasSize(1);
        String payload = new String(delivery.body(), StandardCharsets.UTF_8);
        // Stripe's own verifier, with its default 300 s tolerance:
        assertThat(Webhook.Signature.verifyHeader(payload, signatures.get(0), localSecret, 300)).isTrue();
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(payload, signatures.get(0), inboundKey, 300))
            .as("the provider's signature is not passed on").isInstanceOf(SignatureVerificationException.class);
        long t = Long.parseLong(signatures.get(0).replaceAll("^t=(\\d+),.*", "$1"));
        assertThat(t).as("signed when sent").isBetween(delivery.atSeconds() - 2, delivery.atSeconds());
        assertThat(delivery.headers().getFirst("Content-Type")).startsWith("application/json");
        assertThat(delivery.headers().getFirst("Inlet-Event-Id")).isEqualTo(eventId);
      }
      assertThat(received.get(1).headers().getFirst("Inlet-Attempt")).isEqualTo("2");
    }

    try (CliProcess again = CliProcess.start(env, "listen", "--provider", "stripe", "--forward-to", target, "--resign")) {
      again.await(Pattern.compile("Z connected to "), Duration.ofSeconds(60));
      assertThat(again.err()).contains("Reusing endpoint dev-stripe")
          .contains("Your local webhook signing secret is " + localSecret);
    }
  }

  @Test
  void listenWithoutAProviderForwardsAndSignsTheStandardWebhooksWay() throws Exception {
    String target = "http://127.0.0.1:" + app.getAddress().getPort() + "/webhooks";
    try (CliProcess listen = CliProcess.start(env, "listen", "--forward-to", target, "--resign")) {
      String inbound = listen.await(Pattern.compile("webhook settings: (\\S+)"), Duration.ofSeconds(60));
      String secret = listen.await(Pattern.compile("secret is (whsec_\\S+)"), Duration.ofSeconds(5));
      listen.await(Pattern.compile("Z connected to "), Duration.ofSeconds(30));
      byte[] body = "{ \"pretty\" :  true }\n".getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(relay.baseUrl() + URI.create(inbound).getPath())).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(202);
      listen.await(Pattern.compile("msg_\\S+ 200 \\d+ms"), Duration.ofSeconds(30));
      Received delivery = received.get(0);
      assertThat(delivery.body()).isEqualTo(body);
      String id = delivery.headers().getFirst("webhook-id");
      String ts = delivery.headers().getFirst("webhook-timestamp");
      String expected = "v1," + Signer.b64(Signer.hmac("HmacSHA256", Signer.standardKey(secret), id + "." + ts + ".", body));
      assertThat(delivery.headers().getFirst("webhook-signature")).isEqualTo(expected);
    }
  }
}
