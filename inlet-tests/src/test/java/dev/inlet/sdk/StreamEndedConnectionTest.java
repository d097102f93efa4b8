package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a stream's connection ends, the relay takes back the leases of what it delivered on it and
 * delivers those messages again: what the client read on that connection and has not yet handed to
 * the handler must be dropped, or it is handled twice. And what the client reads ahead is bounded.
 */
class StreamEndedConnectionTest {
  private static final Duration FAST = Duration.ofMillis(100);

  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();

  @Test
  void messagesReadOnAConnectionThatHasSinceEndedAreDroppedNotHandled() throws Exception {
    TestQueue queue = relay.newQueue(30);
    List<String> sent = List.of(queue.ingestJson("{\"n\":0}"), queue.ingestJson("{\"n\":1}"),
        queue.ingestJson("{\"n\":2}"));
    Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
    CountDownLatch cut = new CountDownLatch(1);
    InletClient direct = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build();

    try (CuttingProxy proxy = new CuttingProxy(relay.baseUrl())) {
      InletClient client = direct.newBuilder().baseUrl(proxy.baseUrl()).reconnectBackoff(FAST, FAST).build();
      try (Subscription subscription = client.stream(queue.name, 3, m -> {
        attempts.computeIfAbsent(m.eventId(), id -> new CopyOnWriteArrayList<>()).add(m.attempt());
        if (m.eventId().equals(sent.get(0)) && m.attempt() == 1) {
          cut.await(); // a slow handler: the other two wait in the client, read but not handed over
        }
        ackUnlessStale(direct, m);
      })) {
        Eventually.within(Duration.ofSeconds(10), () -> proxy.events.get() == 3 && attempts.size() == 1);
        Thread.sleep(300); // the client reads the other two off the socket
        proxy.cut();
        Eventually.within(Duration.ofSeconds(5), () -> released(queue, 3)); // the relay took all three back
        cut.countDown();

        Eventually.within(Duration.ofSeconds(15), () -> settled(queue)
            && sent.stream().allMatch(id -> attempts.getOrDefault(id, List.of()).contains(2)));
        assertThat(subscription.connections()).isEqualTo(2);
      }
    }
    assertThat(attempts.get(sent.get(0))).containsExactly(1, 2); // in the handler when the connection ended
    assertThat(attempts.get(sent.get(1))).containsExactly(2);
    assertThat(attempts.get(sent.get(2))).containsExactly(2);
  }

  @Test
  void aStreamWorkerDropsAMessageWhoseConnectionEndedWhileItWaitedForAHandler() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{}");
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);

    try (CuttingProxy proxy = new CuttingProxy(relay.baseUrl())) {
      InletClient client = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build().newBuilder().baseUrl(proxy.baseUrl()).reconnectBackoff(FAST, FAST).build();
      try (Worker worker = Worker.builder(client, queue.name).mode(Worker.Mode.STREAM).concurrency(1)
          .handler(m -> {
            attempts.add(m.attempt());
            if (m.attempt() == 1) {
              busy.await();
            }
          }).build().start()) {
        Eventually.within(Duration.ofSeconds(10), () -> attempts.size() == 1);
        // The first connection ends: the relay takes the lease back and delivers the message again on
        // the next one, where it waits for the only handler, still busy with attempt 1.
        proxy.cut();
        Eventually.within(Duration.ofSeconds(10), () -> proxy.events.get() == 2);
        Thread.sleep(300);
        // That connection ends too, while attempt 2 waits: the relay takes it back as well.
        proxy.cut();
        Eventually.within(Duration.ofSeconds(5), () -> released(queue, 1));
        busy.countDown();

        Eventually.within(Duration.ofSeconds(15), () -> settled(queue) && attempts.contains(3));
        assertThat(worker.stats().processed()).isEqualTo(2);
      }
    }
    assertThat(attempts).containsExactly(1, 3);
  }

  @Test
  void whileTheHandlerIsBusyTheClientReadsAheadOnlyABoundedAmountAndThenLosesNothing() throws Exception {
    int events = 300;
    String pad = "x".repeat(256 * 1024); // 75 MB in all: more than socket buffers hold
    AtomicInteger written = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer fakeRelay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fakeRelay.setExecutor(threads);
    fakeRelay.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try {
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < events; i++) {
          out.write(("event: message\nid: msg_" + i + "\ndata: {\"meta\":{\"messageId\":\"msg_" + i
              + "\"},\"bodyEncoding\":\"json\",\"body\":{\"pad\":\"" + pad + "\"}}\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          written.incrementAndGet();
        }
        Thread.sleep(60_000); // the connection stays open
      } catch (IOException | InterruptedException gone) {
        // the client or the test went away
      }
      exchange.close();
    });
    fakeRelay.start();
    List<String> handled = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);
    try {
      InletClient client = InletClient.builder().baseUrl("http://127.0.0.1:" + fakeRelay.getAddress().getPort())
          .token("t").streamIdleTimeout(Duration.ofSeconds(60)).build();
      try (Subscription subscription = client.stream("q", 1, m -> {
        handled.add(m.id());
        busy.await();
      })) {
        Eventually.within(Duration.ofSeconds(10), () -> handled.size() == 1);
        int before = -1;
        for (int steady = 0; steady < 5; steady = written.get() == before ? steady + 1 : 0) {
          before = written.get();
          Thread.sleep(200);
        }
        // Held back by TCP once the client stopped reading: prefetch + slack queued, the rest in
        // socket buffers. Without the bound, the client would have read all 300 into memory.
        assertThat(written.get()).isLessThan(events);

        busy.countDown();
        Eventually.within(Duration.ofSeconds(30), () -> handled.size() == events);
        assertThat(handled).containsExactlyElementsOf(IntStream.range(0, events).mapToObj(i -> "msg_" + i).toList());
        assertThat(subscription.connections()).isEqualTo(1);
      }
    } finally {
      fakeRelay.stop(0);
      threads.shutdownNow();
    }
  }

  private static void ackUnlessStale(InletClient client, Message m) throws IOException {
    try {
      client.ack(m);
    } catch (InletApiException e) {
      if (!e.isStaleLease()) {
        throw e;
      }
    }
  }

  private static boolean released(TestQueue queue, int ready) {
    var stats = queue.stats();
    return stats.path("leased").asInt() == 0 && stats.path("ready").asInt() == ready;
  }

  private static boolean settled(TestQueue queue) {
    return released(queue, 0);
  }
}
