package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.inlet.sdk.internal.LeaseKeeper;
import dev.inlet.sdk.internal.WorkerCounters;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Worker's lease keeper against a stand-in relay whose extend takes a second to answer. */
class LeaseKeeperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anExtensionDoesNotWaitBehindAnotherOnesRoundTrip() throws Exception {
    AtomicInteger open = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer slowRelay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slowRelay.setExecutor(threads);
    slowRelay.createContext("/", exchange -> {
      most.accumulateAndGet(open.incrementAndGet(), Math::max);
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      open.decrementAndGet();
      byte[] body = ("{\"leaseExpiresAt\":\"" + Instant.now().plusSeconds(1) + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    slowRelay.start();
    InletClient client = InletClient.builder().baseUrl("http://127.0.0.1:" + slowRelay.getAddress().getPort())
        .token("t").build();
    WorkerCounters counters = new WorkerCounters();

    try (LeaseKeeper keeper = new LeaseKeeper(client, Duration.ofSeconds(1), counters, "q")) {
      List<LeaseKeeper.Lease> leases = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        leases.add(keeper.keep(message("msg_" + i)));
      }
      // All three are due at 0.5 s; one after another, the third would answer at 3.5 s.
      Eventually.within(Duration.ofSeconds(3), () -> counters.snapshot().extended() >= 3);
      assertThat(most.get()).isEqualTo(3);
      leases.forEach(LeaseKeeper.Lease::end);
    } finally {
      slowRelay.stop(0);
      threads.shutdownNow();
    }
  }

  private static Message message(String id) throws Exception {
    return Message.fromEnvelope(JSON.readTree("{\"meta\":{\"messageId\":\"" + id + "\",\"attempt\":1,"
        + "\"leaseExpiresAt\":\"" + Instant.now().plusSeconds(1) + "\","
        + "\"ackUrl\":\"http://relay/v1/messages/" + id + "/ack?lease=l-" + id + "\"}}"), JSON);
  }
}
