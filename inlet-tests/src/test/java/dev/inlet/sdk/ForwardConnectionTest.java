package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import com.sun.net.httpserver.HttpServer;
import dev.inlet.cli.Forward;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inlet forward} against a real relay as {@code main} runs it ({@link Forward#run}): what it
 * says on stderr when it reaches and loses the relay, and how it exits when the relay refuses it.
 */
class ForwardConnectionTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  /** A relay of this class's own, for the test that stops and starts it. */
  @RegisterExtension static final RelayExtension restartable = RelayExtension.withSettings(Map.of());
  private final AtomicInteger delivered = new AtomicInteger();
  private HttpServer app;

  @TempDir
  Path dir;

  @BeforeEach
  void startApp() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/hooks", exchange -> {
      exchange.getRequestBody().readAllBytes();
      delivered.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    app.start();
  }

  @AfterEach
  void stopApp() {
    app.stop(0);
  }

  @Test
  void aTokenRevokedWhileForwardingEndsItWithExitCode3AtTheNextReconnect() throws Exception {
    TestQueue queue = relay.newQueue(30);
    io.restassured.response.Response minted = relay.api().as(relay.adminToken())
        .body(Map.of("scopes", List.of("consume:" + queue.name))).post("/v1/tokens");
    String token = minted.path("token");
    try (CuttingProxy proxy = new CuttingProxy(relay.baseUrl());
        Running forward = new Running(options(proxy.baseUrl(), token, queue.name, "INLET_TOKEN"))) {
      Eventually.within(Duration.ofSeconds(10), () -> forward.count("connected to ") == 1);
      queue.ingestJson("{\"n\":1}");
      Eventually.within(Duration.ofSeconds(10), () -> delivered.get() == 1);

      relay.api().as(relay.adminToken()).delete("/v1/tokens/" + minted.<String>path("id")).then().statusCode(204);
      proxy.cut(); // the open stream outlives the revocation; the next one is refused

      assertThat(forward.exitCode()).isEqualTo(Forward.EXIT_TOKEN_REFUSED);
      assertThat(forward.err()).contains("inlet: the relay refused the token "
          + "(401: the bearer token has been revoked or has expired); check INLET_TOKEN");
      assertThat(forward.count("lost the relay at ")).isEqualTo(1);
      assertThat(forward.err()).doesNotContain(token);
    }
  }

  @Test
  void aTokenForAnotherQueueEndsItWithExitCode3AndPointsAtTheTokenFile() throws Exception {
    TestQueue queue = relay.newQueue(30);
    String token = relay.mintToken(List.of("consume:some-other-queue"));
    Path file = Files.writeString(dir.resolve("token"), token + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Forward.Options options = Forward.Options.parse(List.of("forward", "--url", relay.baseUrl(),
        "--token-file", file.toString(), "--queue", queue.name, "--to", target()), Map.of());

    try (Running forward = new Running(options)) {
      assertThat(forward.exitCode()).isEqualTo(Forward.EXIT_TOKEN_REFUSED);
      assertThat(forward.err()).contains("inlet: the relay refused the token (403: this token may not "
          + "consume queue '" + queue.name + "'); check --token-file " + file);
      assertThat(forward.count("connected to ")).isZero();
    }
  }

  @Test
  void aQueueTheRelayDoesNotHaveEndsItWithExitCode4() throws Exception {
    try (Running forward = new Running(options(relay.baseUrl(), relay.adminToken(), "no-such-queue", "INLET_TOKEN"))) {
      assertThat(forward.exitCode()).isEqualTo(Forward.EXIT_NO_QUEUE);
      assertThat(forward.err()).contains("inlet: no queue named 'no-such-queue' at " + relay.baseUrl()
          + " (404: no queue named 'no-such-queue')");
    }
  }

  @Test
  void reachingLosingAndRegainingTheRelayAreSaidOnceEachHoweverOftenItRetries() throws Exception {
    TestQueue queue = relay.newQueue(30);
    try (CuttingProxy proxy = new CuttingProxy(relay.baseUrl())) {
      proxy.refuse(503);
      try (Running forward = new Running(options(proxy.baseUrl(), relay.adminToken(), queue.name, "INLET_TOKEN"))) {
        Eventually.within(Duration.ofSeconds(10), () -> proxy.refused.get() >= 3);
        proxy.forward();
        Eventually.within(Duration.ofSeconds(10), () -> forward.count("connected to ") == 1);

        proxy.refuse(503);
        proxy.cut();
        int before = proxy.refused.get();
        Eventually.within(Duration.ofSeconds(10), () -> proxy.refused.get() >= before + 3);
        proxy.forward();
        Eventually.within(Duration.ofSeconds(10), () -> forward.count("connected to ") == 2);
        queue.ingestJson("{\"after\":true}");
        Eventually.within(Duration.ofSeconds(10), () -> delivered.get() == 1);

        String url = Pattern.quote(proxy.baseUrl());
        assertThat(forward.count("cannot reach the relay at ")).isEqualTo(1);
        assertThat(forward.err()).containsPattern("Z cannot reach the relay at " + url
            + ": 503 Service unavailable: the proxy refuses for now; retrying\n");
        assertThat(forward.count("lost the relay at ")).isEqualTo(1);
        assertThat(forward.err()).containsPattern("Z lost the relay at " + url + ": .+; reconnecting\n");
        assertThat(forward.err()).containsPattern("Z connected to " + url + ", queue " + queue.name + "\n");
      }
    }
  }

  @Test
  void aRelayThatStopsAndStartsAgainIsLostAndRegainedOnceEach() throws Exception {
    RelayExtension own = restartable;
    {
      TestQueue queue = own.newQueue(30);
      try (Running forward = new Running(options(own.baseUrl(), own.adminToken(), queue.name, "INLET_TOKEN"))) {
        Eventually.within(Duration.ofSeconds(10), () -> forward.count("connected to ") == 1);
        own.stop();
        Eventually.within(Duration.ofSeconds(10), () -> forward.count("lost the relay at ") == 1);
        Thread.sleep(1_500); // refused connections meanwhile: retried, not said again
        own.startAgain();
        Eventually.within(Duration.ofSeconds(30), () -> forward.count("connected to ") == 2);
        queue.ingestJson("{\"after\":\"restart\"}");
        Eventually.within(Duration.ofSeconds(10), () -> delivered.get() == 1);

        assertThat(forward.count("lost the relay at ")).isEqualTo(1);
        assertThat(forward.count("cannot reach the relay at ")).isZero();
      }
    }
  }

  private Forward.Options options(String url, String token, String queue, String tokenSource) {
    return new Forward.Options(URI.create(url), token, queue, URI.create(target()), 1, Duration.ofSeconds(5),
        tokenSource);
  }

  private String target() {
    return "http://127.0.0.1:" + app.getAddress().getPort() + "/hooks";
  }

  /** {@link Forward#run} on a thread of its own, as {@code main} runs it; closing it is Ctrl-C. */
  private static final class Running implements AutoCloseable {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Running(Forward.Options options) {
      PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
      Thread thread = new Thread(() -> {
        try {
          exit.complete(Forward.run(options, out, errStream, stop));
        } catch (Throwable e) {
          exit.completeExceptionally(e);
        }
      }, "forward-under-test");
      thread.setDaemon(true);
      thread.start();
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    /** How many times stderr says {@code text}. */
    int count(String text) {
      Matcher m = Pattern.compile(Pattern.quote(text)).matcher(err());
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }

    int exitCode() throws Exception {
      return exit.get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
      stop.complete(null);
      try {
        exit.get(40, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
