package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InletClientTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  private final InletClient client = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build();

  @Test
  void nextLeasesTheMessageWithItsMetaHeadersAndBodyAndAckDeletesIt() throws Exception {
    TestQueue queue = relay.newQueue(30);
    String eventId = queue.ingest("application/json",
        "{\"type\":\"order.paid\",\"amount\":12}".getBytes(StandardCharsets.UTF_8), "X-Signature", "sig-1");

    Message message = client.next(queue.name, Duration.ofSeconds(2), null).orElseThrow();

    assertThat(message.id()).startsWith("msg_");
    assertThat(message.eventId()).isEqualTo(eventId);
    assertThat(message.queue()).isEqualTo(queue.name);
    assertThat(message.endpointId()).isEqualTo(queue.endpointId);
    assertThat(message.attempt()).isEqualTo(1);
    assertThat(message.receivedAt()).isBefore(Instant.now().plusSeconds(1));
    assertThat(message.leaseExpiresAt()).isAfter(Instant.now().plusSeconds(20));
    assertThat(message.header("x-SIGNATURE")).contains("sig-1");
    assertThat(message.headers().get("x-signature")).containsExactly("sig-1");
    assertThat(message.contentType()).isEqualTo("application/json");
    assertThat(message.json().path("type").asText()).isEqualTo("order.paid");
    assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"order.paid\",\"amount\":12}");
    assertThat(message.as(Map.class).get("amount")).isEqualTo(12);

    client.ack(message);
    assertThat(client.next(queue.name, Duration.ZERO, null)).isEmpty();
  }

  @Test
  void aBinaryBodyComesBackByteForByte() throws Exception {
    TestQueue queue = relay.newQueue(30);
    byte[] body = {0, 1, 2, (byte) 0xff, '\n', 'x'};
    queue.ingest("application/octet-stream", body);

    Message message = client.next(queue.name, Duration.ofSeconds(2), Duration.ofSeconds(5)).orElseThrow();

    assertThat(message.body()).isEqualTo(body);
    assertThat(message.leaseExpiresAt()).isBefore(Instant.now().plusSeconds(7));
    client.ack(message);
  }

  @Test
  void nextWaitsAndAnswersEmptyWhenNothingArrives() throws Exception {
    TestQueue queue = relay.newQueue(30);
    long start = System.nanoTime();
    Optional<Message> none = client.next(queue.name, Duration.ofSeconds(1), null);
    assertThat(none).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void receiveLeasesABatch() throws Exception {
    TestQueue queue = relay.newQueue(30);
    for (int i = 0; i < 3; i++) {
      queue.ingestJson("{\"n\":" + i + "}");
    }

    List<Message> first = client.receive(queue.name, 2, Duration.ofSeconds(2), null);
    List<Message> rest = client.receive(queue.name, 10, Duration.ZERO, null);

    assertThat(first).hasSize(2);
    assertThat(rest).hasSize(1);
    for (Message m : first) {
      client.ack(m);
    }
    client.ack(rest.get(0));
    assertThat(client.receive(queue.name, 10, Duration.ZERO, null)).isEmpty();
  }

  @Test
  void aReceivedBatchIsAckedInOneRequestAndAStaleLeaseInItHarmsNothing() throws Exception {
    TestQueue queue = relay.newQueue(30);
    for (int i = 0; i < 4; i++) {
      queue.ingestJson("{\"n\":" + i + "}");
    }
    List<Message> expired = client.receive(queue.name, 1, Duration.ofSeconds(2), Duration.ofSeconds(30));
    assertThat(queue.expireLeases()).isEqualTo(1);
    List<Message> batch = client.receive(queue.name, 10, Duration.ofSeconds(2), Duration.ofSeconds(30));
    assertThat(batch).hasSize(4);

    List<Message> all = new java.util.ArrayList<>(batch);
    all.addAll(expired);
    java.util.Set<String> acked = client.ack(queue.name, all);

    assertThat(acked).containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::id).toList());
    assertThat(client.receive(queue.name, 10, Duration.ZERO, null)).isEmpty();
    assertThat(client.ack(queue.name, List.of())).isEmpty();
  }

  @Test
  void aNackedMessageComesBackWithTheNextAttempt() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{}");
    Message first = client.next(queue.name, Duration.ofSeconds(2), null).orElseThrow();

    client.nack(first, "database busy", Duration.ZERO);
    Message again = client.next(queue.name, Duration.ofSeconds(2), null).orElseThrow();

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.attempt()).isEqualTo(2);
    client.ack(again);
  }

  @Test
  void aRejectedMessageIsDeadAndNotDeliveredAgain() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{}");
    Message message = client.next(queue.name, Duration.ofSeconds(2), null).orElseThrow();

    client.reject(message, "no such customer");

    assertThat(client.next(queue.name, Duration.ZERO, null)).isEmpty();
    assertThat(queue.stats().path("dead").asInt()).isEqualTo(1);
  }

  @Test
  void extendMovesTheLeaseExpiry() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{}");
    Message message = client.next(queue.name, Duration.ofSeconds(2), Duration.ofSeconds(2)).orElseThrow();

    Instant expiry = client.extend(message, Duration.ofSeconds(60));

    assertThat(expiry).isAfter(message.leaseExpiresAt().plusSeconds(50));
    client.ack(message);
  }

  @Test
  void staleAckAfterLeaseExpiryIsRefusedWith409() throws Exception {
    TestQueue queue = relay.newQueue(30);
    queue.ingestJson("{}");
    Message first = client.next(queue.name, Duration.ofSeconds(2), Duration.ofSeconds(30)).orElseThrow();
    assertThat(queue.expireLeases()).isEqualTo(1);
    Message second = client.next(queue.name, Duration.ofSeconds(5), null).orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);

    assertThatThrownBy(() -> client.ack(first))
        .isInstanceOfSatisfying(InletApiException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.isStaleLease()).isTrue();
          assertThat(e.problem().type()).isEqualTo("urn:inlet:problem:conflict");
        });
    client.ack(second);
  }

  @Test
  void anUnknownQueueIsAProblemNotATransportError() {
    assertThatThrownBy(() -> client.next("no-such-queue", Duration.ZERO, null))
        .isInstanceOfSatisfying(InletApiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.problem().type()).isEqualTo("urn:inlet:problem:not-found");
          assertThat(e.isStaleLease()).isFalse();
        });
  }

  @Test
  void aBadTokenIs401() {
    InletClient stranger = client.newBuilder().token("not-a-jwt").build();
    assertThatThrownBy(() -> stranger.next("anything", Duration.ZERO, null))
        .isInstanceOfSatisfying(InletApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void builderInputIsCheckedAtOnce() {
    assertThatThrownBy(() -> InletClient.builder().baseUrl(URI.create("relay.example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InletClient.builder().token(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InletClient.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InletClient.builder().baseUrl("http://x").build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> client.next("q", Duration.ofSeconds(21), null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newBuilderSharesTheHttpClient() {
    InletClient other = client.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();
    assertThat(other.httpClient).isSameAs(client.httpClient);
    assertThat(other.requestTimeout).isEqualTo(Duration.ofSeconds(5));
  }
}
