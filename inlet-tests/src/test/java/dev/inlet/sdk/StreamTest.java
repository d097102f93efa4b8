package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;


import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamTest {
  private static final Duration FAST = Duration.ofMillis(100);
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  /** A relay of this class's own, for the test that restarts it (started by that test only). */
  @RegisterExtension static final RelayExtension restartable = RelayExtension.withSettings(Map.of());

  @Test
  void streamDeliversEachMessageAndTheHandlerAcksIt() throws Exception {
    InletClient client = client(relay);
    TestQueue queue = relay.newQueue(30);
    List<Message> received = new CopyOnWriteArrayList<>();

    try (Subscription subscription = client.stream(queue.name, 5, m -> {
      received.add(m);
      client.ack(m);
    })) {
      for (int i = 0; i < 3; i++) {
        queue.ingestJson("{\"n\":" + i + "}");
      }
      Eventually.within(Duration.ofSeconds(10), () -> received.size() == 3);
      assertThat(received).extracting(m -> m.json().path("n").asInt()).containsExactly(0, 1, 2);
      assertThat(subscription.isActive()).isTrue();
      assertThat(subscription.connections()).isEqualTo(1);
    }
    Eventually.within(Duration.ofSeconds(5), () -> queue.stats().path("leased").asInt() == 0);
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  @SuppressWarnings("try") // the subscription runs while it is open; the body only waits
  void aThrowingHandlerHasItsMessageNackedAndRedelivered() throws Exception {
    InletClient client = client(relay);
    TestQueue queue = relay.newQueue(30);
    List<Integer> attempts = new CopyOnWriteArrayList<>();

    try (Subscription subscription = client.stream(queue.name, 1, m -> {
      attempts.add(m.attempt());
      if (m.attempt() == 1) {
        throw new IllegalStateException("first time fails");
      }
      client.ack(m);
    })) {
      queue.ingestJson("{}");
      // Nacked with the relay's default backoff: end it rather than wait for it.
      Eventually.within(Duration.ofSeconds(10), () -> queue.stats().path("delayed").asInt() == 1 || attempts.contains(2));
      queue.endDelays();
      Eventually.within(Duration.ofSeconds(10), () -> attempts.contains(2));
    }
    assertThat(attempts).containsExactly(1, 2);
  }

  @Test
  void theStreamReconnectsAfterTheRelayRestartsWithoutLosingMessages() throws Exception {
    InletClient client = client(restartable).newBuilder().reconnectBackoff(FAST, Duration.ofSeconds(1)).build();
    TestQueue queue = restartable.newQueue(2);
    Set<String> events = ConcurrentHashMap.newKeySet();
    List<Integer> heldAttempts = new CopyOnWriteArrayList<>();
    try (Subscription subscription = client.stream(queue.name, 10, m -> {
      if (m.json().has("held") && m.attempt() == 1) {
        heldAttempts.add(m.attempt()); // in flight when the relay goes: not acked
        return;
      }
      if (m.json().has("held")) {
        heldAttempts.add(m.attempt());
      }
      events.add(m.eventId());
      client.ack(m);
    })) {
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sent.add(queue.ingestJson("{\"before\":" + i + "}"));
      }
      sent.add(queue.ingestJson("{\"held\":true}"));
      Eventually.within(Duration.ofSeconds(10), () -> events.size() == 3 && heldAttempts.size() == 1);

      restartable.stop();
      // The held message's lease would lapse by itself within 2 s: end it while the relay is down.
      queue.expireLeases();
      restartable.startAgain();
      for (int i = 0; i < 3; i++) {
        sent.add(queue.ingestJson("{\"after\":" + i + "}"));
      }

      Eventually.within(Duration.ofSeconds(20), () -> events.containsAll(sent));
      assertThat(events).hasSize(7);
      assertThat(heldAttempts).containsExactly(1, 2);
      assertThat(subscription.connections()).isGreaterThanOrEqualTo(2);
      assertThat(subscription.isActive()).isTrue();
    }
  }

  @Test
  void aSilentStreamIsReconnectedAfterTheIdleTimeout() throws Exception {
    HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    silent.setExecutor(Executors.newCachedThreadPool());
    silent.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        Thread.sleep(10_000); // then nothing: no keepalive, no close
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    silent.start();
    try {
      InletClient client = InletClient.builder().baseUrl("http://127.0.0.1:" + silent.getAddress().getPort())
          .token("t").streamIdleTimeout(Duration.ofMillis(300)).reconnectBackoff(Duration.ofMillis(10), FAST).build();
      try (Subscription subscription = client.stream("q", 1, m -> { })) {
        Eventually.within(Duration.ofSeconds(5), () -> subscription.connections() >= 3);
      }
    } finally {
      silent.stop(0);
      ((java.util.concurrent.ExecutorService) silent.getExecutor()).shutdownNow();
    }
  }

  @Test
  void aStreamOnAQueueThatDoesNotExistStopsWithTheProblem() throws Exception {
    InletClient client = client(relay).newBuilder().reconnectBackoff(FAST, FAST).build();
    Subscription subscription = client.stream("no-such-queue", 1, m -> { });
    Eventually.within(Duration.ofSeconds(5), () -> !subscription.isActive());
    assertThat(subscription.failure()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(404));
    subscription.close();
  }

  /** A client of {@code relay} with its tenant's admin token. */
  private static InletClient client(RelayExtension relay) {
    return InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build();
  }

  /** How the server in front of the relay refuses a stream request. */
  record Refusal(int status, String contentType, String body, Map<String, String> headers) {
    @Override
    public String toString() {
      return status + " " + contentType;
    }
  }

  static Stream<Refusal> refusals() {
    return Stream.of(
        // What the relay itself answers when its database is unreachable.
        new Refusal(503, "application/problem+json", "{\"type\":\"https://inlet.dev/problems/unavailable\","
            + "\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"the database is not reachable\"}",
            Map.of("Retry-After", "1")),
        // A load balancer's error page while the relay is redeployed.
        new Refusal(502, "text/html", "<html><body>502 Bad Gateway</body></html>", Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aStreamRefusedWithA5xxBacksOffReconnectsAndThenDelivers(Refusal refusal) throws Exception {
    InletClient direct = client(relay);
    TestQueue queue = relay.newQueue(30);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add(queue.ingestJson("{\"n\":" + i + "}"));
    }
    List<Message> received = new CopyOnWriteArrayList<>();
    AtomicInteger acked = new AtomicInteger();

    try (RefusingProxy proxy = new RefusingProxy(relay.baseUrl(), refusal)) {
      InletClient client = direct.newBuilder().baseUrl(proxy.baseUrl())
          .reconnectBackoff(Duration.ofMillis(200), Duration.ofMillis(800)).build();
      long start = System.nanoTime();
      try (Subscription subscription = client.stream(queue.name, 10, m -> {
        received.add(m);
        direct.ack(m);
        acked.incrementAndGet();
      })) {
        Eventually.within(Duration.ofSeconds(5), () -> proxy.refused.get() >= 2);
        long refusingFor = Duration.ofSeconds(2).toNanos() - (System.nanoTime() - start);
        if (refusingFor > 0) {
          Thread.sleep(refusingFor / 1_000_000);
        }
        int refused = proxy.refused.get();
        // A 5xx is temporary: still going, no failure, nothing connected or delivered yet.
        assertThat(subscription.isActive()).isTrue();
        assertThat(subscription.failure()).isEmpty();
        assertThat(subscription.connections()).isZero();
        assertThat(received).isEmpty();
        // Backed off: about 6 requests in 2 s with a 200-800 ms backoff (full jitter); without one,
        // ~45 here (each refusal costs ~45 ms on this loopback), thousands on a fast machine.
        assertThat(refused).isBetween(2, 20);
        if (refusal.headers().containsKey("Retry-After")) {
          // Retry-After: 1 is honoured over the shorter backoff: requests at 0, 1 and 2 s at most.
          assertThat(refused).isLessThanOrEqualTo(3);
        }

        proxy.refusing = false;
        // Acked, not just received, before the stream (and the proxy under it) is closed.
        Eventually.within(Duration.ofSeconds(10), () -> acked.get() == 3);
        assertThat(received).extracting(Message::eventId).containsExactlyElementsOf(sent);
        assertThat(received).extracting(Message::attempt).containsOnly(1);
        assertThat(subscription.isActive()).isTrue();
        assertThat(subscription.failure()).isEmpty();
        assertThat(subscription.connections()).isEqualTo(1);
        assertThat(proxy.forwarded.get()).isEqualTo(1);
        assertThat(proxy.refused.get()).isGreaterThanOrEqualTo(refused);
      }
    }
    Eventually.within(Duration.ofSeconds(5), () -> queue.stats().path("leased").asInt() == 0);
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  /**
   * An HTTP server on 127.0.0.1 in front of a relay: while {@link #refusing}, it answers every
   * request with the refusal; then it forwards each request to the relay and streams the answer
   * back as it comes (SSE included).
   */
  private static final class RefusingProxy implements AutoCloseable {
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger forwarded = new AtomicInteger();
    volatile boolean refusing = true;
    private final String relayBaseUrl;
    private final Refusal refusal;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RefusingProxy(String relayBaseUrl, Refusal refusal) throws IOException {
      this.relayBaseUrl = relayBaseUrl;
      this.refusal = refusal;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(threads);
      server.createContext("/", exchange -> {
        try {
          if (refusing) {
            refuse(exchange);
          } else {
            forward(exchange);
          }
        } finally {
          exchange.close();
        }
      });
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void refuse(HttpExchange exchange) throws IOException {
      refused.incrementAndGet();
      byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", refusal.contentType());
      refusal.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.sendResponseHeaders(refusal.status(), body.length);
      exchange.getResponseBody().write(body);
    }

    private void forward(HttpExchange exchange) throws IOException {
      forwarded.incrementAndGet();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(relayBaseUrl + exchange.getRequestURI()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
              exchange.getRequestBody().readAllBytes()));
      for (String name : List.of("Authorization", "Accept", "Content-Type")) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      HttpResponse<InputStream> response;
      try {
        response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try (InputStream in = response.body()) {
        response.headers().firstValue("Content-Type")
            .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
        exchange.sendResponseHeaders(response.statusCode(), 0);
        OutputStream out = exchange.getResponseBody();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException goneAway) {
        // the client or the relay closed the connection, or the proxy is closing
      }
    }

    /** Stops the server; interrupting the forwarding threads closes their upstream streams. */
    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
