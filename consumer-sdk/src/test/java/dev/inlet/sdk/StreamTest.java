package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;


import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class StreamTest {
  private static final Duration FAST = Duration.ofMillis(100);

  @Test
  void streamDeliversEachMessageAndTheHandlerAcksIt() throws Exception {
    LocalRelay relay = LocalRelay.shared();
    InletClient client = relay.client();
    LocalRelay.TestQueue queue = relay.newQueue(30);
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
  void aThrowingHandlerHasItsMessageNackedAndRedelivered() throws Exception {
    LocalRelay relay = LocalRelay.shared();
    InletClient client = relay.client();
    LocalRelay.TestQueue queue = relay.newQueue(30);
    List<Integer> attempts = new CopyOnWriteArrayList<>();

    try (Subscription subscription = client.stream(queue.name, 1, m -> {
      attempts.add(m.attempt());
      if (m.attempt() == 1) {
        throw new IllegalStateException("first time fails");
      }
      client.ack(m);
    })) {
      queue.ingestJson("{}");
      Eventually.within(Duration.ofSeconds(10), () -> attempts.contains(2));
    }
    assertThat(attempts).containsExactly(1, 2);
  }

  @Test
  void theStreamReconnectsAfterTheRelayRestartsWithoutLosingMessages() throws Exception {
    try (LocalRelay relay = LocalRelay.restartable()) {
      InletClient client = relay.client().newBuilder().reconnectBackoff(FAST, Duration.ofSeconds(1)).build();
      LocalRelay.TestQueue queue = relay.newQueue(2);
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

        relay.restart();
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
    InletClient client = LocalRelay.shared().client().newBuilder().reconnectBackoff(FAST, FAST).build();
    Subscription subscription = client.stream("no-such-queue", 1, m -> { });
    Eventually.within(Duration.ofSeconds(5), () -> !subscription.isActive());
    assertThat(subscription.failure()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(404));
    subscription.close();
  }
}
