package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestDatabase;
import dev.inlet.relay.testing.TestQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerTest {
  private static final Duration SHORT_POLL = Duration.ofSeconds(1);
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  private final InletClient client = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build();

  @Test
  void handlersRunUpToTheConcurrencyAtOnceAndEachMessageIsAcked() throws Exception {
    TestQueue queue = relay.newQueue(30);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    for (int i = 0; i < 6; i++) {
      queue.ingestJson("{\"n\":" + i + "}");
    }

    try (Worker worker = Worker.builder(client, queue.name).concurrency(3).pollWait(SHORT_POLL).handler(m -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(400);
      running.decrementAndGet();
    }).build().start()) {
      Eventually.within(Duration.ofSeconds(15), () -> worker.stats().processed() == 6);
      assertThat(most.get()).isEqualTo(3);
    }
    Eventually.within(Duration.ofSeconds(5), () -> queue.stats().path("leased").asInt() == 0);
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  void returnAcksAnExceptionNacksForARetryAndAPermanentFailureRejects() throws Exception {
    TestQueue queue = relay.newQueue(30);
    List<String> calls = new CopyOnWriteArrayList<>();
    queue.ingest("text/plain", bytes("ok"));
    queue.ingest("text/plain", bytes("fails-once"));
    queue.ingest("text/plain", bytes("hopeless"));

    try (Worker worker = Worker.builder(client, queue.name).concurrency(2).pollWait(SHORT_POLL)
        .retryDelay(Duration.ZERO).handler(m -> {
          String body = new String(m.body(), StandardCharsets.UTF_8);
          calls.add(body + "#" + m.attempt());
          if (body.equals("fails-once") && m.attempt() == 1) {
            throw new IllegalStateException("downstream busy");
          }
          if (body.equals("hopeless")) {
            throw new PermanentFailure("no such customer");
          }
        }).build().start()) {
      Eventually.within(Duration.ofSeconds(15), () -> worker.stats().processed() == 2 && worker.stats().rejected() == 1);
      assertThat(worker.stats().failed()).isEqualTo(1);
      assertThat(worker.stats().lost()).isZero();
    }
    assertThat(calls).containsExactlyInAnyOrder("ok#1", "fails-once#1", "fails-once#2", "hopeless#1");
    assertThat(queue.stats().path("dead").asInt()).isEqualTo(1);
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  void aSlowHandlerKeepsItsLeaseAndRunsOnce() throws Exception {
    TestQueue queue = relay.newQueue(2);
    AtomicInteger runs = new AtomicInteger();
    queue.ingestJson("{}");

    try (Worker worker = Worker.builder(client, queue.name).concurrency(2).pollWait(SHORT_POLL).handler(m -> {
      runs.incrementAndGet();
      Thread.sleep(5_000);
    }).build().start()) {
      Eventually.within(Duration.ofSeconds(15), () -> worker.stats().processed() == 1);
      Thread.sleep(1_500); // a lost lease would have shown as a second run by now
      assertThat(runs.get()).isEqualTo(1);
      assertThat(worker.stats().extended()).isGreaterThanOrEqualTo(3);
      assertThat(worker.stats().lost()).isZero();
    }
    assertThat(queue.stats().path("leased").asInt()).isZero();
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  void closeWaitsForHandlersInFlightAndTheirAcks() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{\"n\":1}");
    queue.ingestJson("{\"n\":2}");
    Worker worker = Worker.builder(client, queue.name).concurrency(2).pollWait(SHORT_POLL).handler(m -> Thread.sleep(1_000))
        .build().start();
    Eventually.within(Duration.ofSeconds(10), () -> worker.stats().inFlight() == 2);

    worker.close();

    assertThat(worker.stats().processed()).isEqualTo(2);
    assertThat(worker.stats().inFlight()).isZero();
    assertThat(queue.stats().path("leased").asInt()).isZero();
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  /** Both stores, each across a real redelivery. */
  static Stream<Supplier<IdempotencyStore>> stores() {
    return Stream.of(InMemoryIdempotencyStore::new, WorkerTest::jdbcStore);
  }

  private static IdempotencyStore jdbcStore() {
    return new JdbcIdempotencyStore(TestDatabase.get().newDataSource());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anEventAlreadyProcessedIsAckedWithoutRunningTheHandler(Supplier<IdempotencyStore> stores)
      throws Exception {
    TestQueue queue = relay.newQueue(30);
    IdempotencyStore store = stores.get();
    String eventId = queue.ingestJson("{}");
    // A consumer processed it, then died before its ack: the lease runs out and it comes again.
    Message first = client.next(queue.name, Duration.ofSeconds(2), Duration.ofSeconds(1)).orElseThrow();
    assertThat(store.firstTime(first.eventId(), Duration.ofHours(1))).isTrue();
    queue.expireLeases(); // rather than wait for its second
    AtomicInteger runs = new AtomicInteger();

    try (Worker worker = Worker.builder(client, queue.name).pollWait(SHORT_POLL).idempotencyStore(store)
        .handler(m -> runs.incrementAndGet()).build().start()) {
      Eventually.within(Duration.ofSeconds(10), () -> worker.stats().duplicates() == 1);
      assertThat(runs.get()).isZero();
      assertThat(worker.stats().processed()).isZero();
    }
    assertThat(eventId).isEqualTo(first.eventId());
    assertThat(queue.stats().path("ready").asInt()).isZero();
    assertThat(queue.stats().path("leased").asInt()).isZero();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aFailedHandlerGivesUpItsIdempotencyClaimSoTheRetryRuns(Supplier<IdempotencyStore> stores)
      throws Exception {
    TestQueue queue = relay.newQueue(30);
    IdempotencyStore store = stores.get();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    queue.ingestJson("{}");

    try (Worker worker = Worker.builder(client, queue.name).pollWait(SHORT_POLL).idempotencyStore(store)
        .retryDelay(Duration.ZERO).handler(m -> {
          attempts.add(m.attempt());
          if (m.attempt() == 1) {
            throw new IllegalStateException("try again");
          }
        }).build().start()) {
      Eventually.within(Duration.ofSeconds(10), () -> worker.stats().processed() == 1);
      assertThat(worker.stats().duplicates()).isZero();
    }
    assertThat(attempts).containsExactly(1, 2);
  }

  @Test
  void inStreamModeMessagesArriveOverTheStream() throws Exception {
    TestQueue queue = relay.newQueue(30);
    try (Worker worker = Worker.builder(client, queue.name).mode(Worker.Mode.STREAM).concurrency(2)
        .handler(m -> Thread.sleep(100)).build().start()) {
      for (int i = 0; i < 4; i++) {
        queue.ingestJson("{\"n\":" + i + "}");
      }
      Eventually.within(Duration.ofSeconds(10), () -> worker.stats().processed() == 4);
    }
    Eventually.within(Duration.ofSeconds(5), () -> queue.stats().path("leased").asInt() == 0);
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  @Test
  void aStreamWorkerTakesNoMoreMessagesThanItsConcurrencyWhileItsHandlersAreBusy() throws Exception {
    // The relay is silent (keepalive 15 s), so this client reconnects every second. Each reconnect
    // takes back what is unsettled and delivers it again; every message the worker took, it runs.
    TestQueue queue = relay.newQueue(30);
    int concurrency = 2;
    InletClient reconnecting = client.newBuilder().streamIdleTimeout(Duration.ofSeconds(1))
        .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    for (int i = 0; i < concurrency; i++) {
      queue.ingestJson("{\"n\":" + i + "}");
    }
    CountDownLatch busy = new CountDownLatch(1);
    List<String> runs = new CopyOnWriteArrayList<>();

    try (Worker worker = Worker.builder(reconnecting, queue.name).mode(Worker.Mode.STREAM).concurrency(concurrency)
        .handler(m -> {
          runs.add(m.eventId() + "#" + m.attempt());
          busy.await();
        }).build().start()) {
      Eventually.within(Duration.ofSeconds(10), () -> runs.size() == concurrency);
      Thread.sleep(4_000); // several reconnects' worth, had the worker kept taking their deliveries
      busy.countDown();
      Eventually.within(Duration.ofSeconds(10),
          () -> queue.stats().path("ready").asInt() == 0 && queue.stats().path("leased").asInt() == 0);

      // At most the cut-off run and the redelivery taken when a handler came free.
      assertThat(runs).hasSizeLessThanOrEqualTo(2 * concurrency);
      assertThat(worker.stats().lost()).isLessThanOrEqualTo(concurrency);
    }
  }

  @ParameterizedTest
  @EnumSource(Worker.Mode.class)
  void closeInterruptsAHandlerStillRunningAfterTheDrainTimeoutAndNacksItsMessage(Worker.Mode mode) throws Exception {
    // A 30 s lease: the message can only be back within this test if it was nacked, not abandoned.
    TestQueue queue = relay.newQueue(30);
    String eventId = queue.ingestJson("{\"slow\":true}");
    Duration drain = Duration.ofSeconds(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Worker worker = Worker.builder(client, queue.name).mode(mode).concurrency(1).pollWait(SHORT_POLL)
        .drainTimeout(drain).retryDelay(Duration.ZERO).handler(m -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
        }).build().start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    long t0 = System.nanoTime();
    worker.close();
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isGreaterThanOrEqualTo(drain.minusMillis(100)).isLessThan(drain.plusSeconds(4));
    assertThat(interrupted).isTrue();
    assertThat(worker.stats().inFlight()).isZero();
    assertThat(worker.stats().processed()).isZero();
    assertThat(worker.stats().failed()).isEqualTo(1);
    assertThat(worker.stats().lost()).isZero();
    // Nacked, not acked: it is ready again at once. (A stream still open during the drain may have
    // got it again and handed it back, hence at least 2.)
    Message again = client.next(queue.name, Duration.ofSeconds(5), null).orElseThrow();
    assertThat(again.eventId()).isEqualTo(eventId);
    assertThat(again.attempt()).isGreaterThanOrEqualTo(2);
    client.ack(again);
    assertThat(queue.stats().path("ready").asInt()).isZero();
    assertThat(queue.stats().path("leased").asInt()).isZero();
  }

  @Test
  void aHandlerDeafToTheInterruptDoesNotHoldCloseAndItsMessageIsNotAcked() throws Exception {
    // A 2 s lease, extended every second while the handler runs: a stall of a second on a busy
    // machine must not let it lapse before close() has had its 6 s.
    TestQueue queue = relay.newQueue(2);
    String eventId = queue.ingestJson("{}");
    Duration drain = Duration.ofSeconds(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger interrupts = new AtomicInteger();
    Worker worker = Worker.builder(client, queue.name).concurrency(1).pollWait(SHORT_POLL).drainTimeout(drain)
        .handler(m -> {
          started.countDown();
          while (true) {
            try {
              if (finish.await(30, TimeUnit.SECONDS)) {
                return;
              }
            } catch (InterruptedException e) {
              interrupts.incrementAndGet(); // and carry on
            }
          }
        }).build().start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    long t0 = System.nanoTime();
    worker.close();
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    // The drain timeout, then close waits a bounded grace (5 s) for interrupted handlers to settle.
    assertThat(took).isGreaterThanOrEqualTo(drain.minusMillis(100)).isLessThan(drain.plusSeconds(5 + 3));
    assertThat(interrupts.get()).isEqualTo(1);
    assertThat(worker.stats().inFlight()).isEqualTo(1);
    assertThat(worker.stats().processed()).isZero();
    assertThat(worker.stats().failed()).isZero();
    assertThat(worker.stats().extended()).isGreaterThanOrEqualTo(3); // its lease was kept during the drain
    // Not acked: with the extensions stopped, its lease lapses and it is delivered again.
    queue.expireLeases(); // rather than wait up to 2 s for it
    Message again = client.next(queue.name, Duration.ofSeconds(5), Duration.ofSeconds(30)).orElseThrow();
    assertThat(again.eventId()).isEqualTo(eventId);
    assertThat(again.attempt()).isEqualTo(2);

    // The handler ends late: its ack carries the lapsed lease and is refused, not taken from the new one.
    finish.countDown();
    Eventually.within(Duration.ofSeconds(5), () -> worker.stats().inFlight() == 0);
    assertThat(worker.stats().lost()).isEqualTo(1);
    assertThat(queue.stats().path("leased").asInt()).isEqualTo(1);
    client.ack(again);
    assertThat(queue.stats().path("leased").asInt()).isZero();
    assertThat(queue.stats().path("ready").asInt()).isZero();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
