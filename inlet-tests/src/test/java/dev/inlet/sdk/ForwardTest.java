package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import dev.inlet.cli.Forward;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ForwardTest {
  /** What the local app received. */
  record Received(String method, Headers headers, byte[] body) {}

  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private HttpServer app;

  @BeforeEach
  void startApp() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/hooks", exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(),
          exchange.getRequestBody().readAllBytes()));
      Integer status = answers.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    app.start();
  }

  @AfterEach
  void stopApp() {
    app.stop(0);
  }

  @Test
  void eachPayloadIsPostedWithItsHeadersAndExactBytesAndAckedOn2xx() throws Exception {
    TestQueue queue = relay.newQueue(30);
    byte[] body = "amount=12&currency=eur\n\u00e9".getBytes(StandardCharsets.UTF_8);
    queue.ingest("application/x-www-form-urlencoded", body, "X-Signature", "t=1,v1=abc", "User-Agent", "Provider/1.0");

    try (Worker worker = Forward.start(options(queue), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      Eventually.within(Duration.ofSeconds(10), () -> worker.stats().processed() == 1);
    }

    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isEqualTo(body);
    assertThat(request.headers().getFirst("X-Signature")).isEqualTo("t=1,v1=abc");
    assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.headers().getFirst("Inlet-Message-Id")).startsWith("msg_");
    assertThat(request.headers().getFirst("Content-Length")).isEqualTo(String.valueOf(body.length));
    assertThat(printed.toString(StandardCharsets.UTF_8)).containsPattern("msg_\\S+ 200 \\d+ms");
    Eventually.within(Duration.ofSeconds(5), () -> queue.stats().path("leased").asInt() == 0);
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  void aPrettyPrintedJsonBodyArrivesByteForByteSoItsSignatureStillVerifies() throws Exception {
    TestQueue queue = relay.newQueue(30);
    byte[] body = "{\n  \"action\": \"opened\",\n  \"number\": 1\n}\n".getBytes(StandardCharsets.UTF_8);
    queue.ingest("application/json", body, "X-Hub-Signature-256", "sha256=abc");

    try (Worker worker = Forward.start(options(queue), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      Eventually.within(Duration.ofSeconds(10), () -> worker.stats().processed() == 1);
    }

    assertThat(received).hasSize(1);
    assertThat(received.get(0).body()).isEqualTo(body);
    assertThat(received.get(0).headers().getFirst("X-Hub-Signature-256")).isEqualTo("sha256=abc");
  }

  @Test
  void aFailingTargetGetsTheMessageAgainUntilItAnswers2xx() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{\"type\":\"invoice.paid\",\"lines\":[1,2]}");
    answers.add(500);

    try (Worker worker = Forward.start(options(queue), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      Eventually.within(Duration.ofSeconds(15), () -> worker.stats().processed() == 1);
      assertThat(worker.stats().failed()).isEqualTo(1);
    }

    assertThat(received).hasSize(2);
    assertThat(received.get(0).headers().getFirst("Inlet-Attempt")).isEqualTo("1");
    assertThat(received.get(1).headers().getFirst("Inlet-Attempt")).isEqualTo("2");
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(received.get(1).body()))
        .isEqualTo(json.readTree("{\"type\":\"invoice.paid\",\"lines\":[1,2]}"));
    String lines = printed.toString(StandardCharsets.UTF_8);
    assertThat(lines).containsPattern(" 500 \\d+ms").containsPattern(" 200 \\d+ms");
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  void theCommandLineNeedsUrlTokenQueueAndTarget() {
    Forward.Options parsed = Forward.Options.parse(List.of("forward", "--url", "http://relay:8080", "--queue", "q",
        "--to", "http://localhost:3000/hooks", "--concurrency", "4"), Map.of("INLET_TOKEN", "jwt"));
    assertThat(parsed.token()).isEqualTo("jwt");
    assertThat(parsed.concurrency()).isEqualTo(4);
    assertThatThrownBy(() -> Forward.Options.parse(List.of("--queue", "q"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Forward.Options.parse(List.of("--bogus", "x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Forward.Options options(TestQueue queue) {
    return new Forward.Options(URI.create(relay.baseUrl()), relay.adminToken(), queue.name,
        URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/hooks"), 1, Duration.ofSeconds(5));
  }
}
