package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream's {@link StreamListener} hears each change of its connection once, not each retry. */
class StreamListenerTest {
  private static final Duration FAST = Duration.ofMillis(50);

  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();

  /** Records what it hears as short strings. */
  private static final class Recording implements StreamListener {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void connected(String queue) {
      heard.add("connected " + queue);
    }

    @Override
    public void disconnected(String queue, String reason) {
      heard.add("disconnected " + queue + ": " + reason);
    }

    @Override
    public void refused(String queue, InletApiException refusal) {
      heard.add("refused " + queue + ": " + refusal.status());
    }
  }

  @Test
  void eachChangeIsHeardOnceHoweverManyTimesTheStreamRetries() throws Exception {
    TestQueue queue = relay.newQueue(30);
    Recording listener = new Recording();
    try (CuttingProxy proxy = new CuttingProxy(relay.baseUrl())) {
      InletClient client = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build().newBuilder().baseUrl(proxy.baseUrl()).reconnectBackoff(FAST, FAST)
          .streamListener(listener).build();
      proxy.refuse(503);
      try (Subscription subscription = client.stream(queue.name, 1, m -> { })) {
        Eventually.within(Duration.ofSeconds(10), () -> proxy.refused.get() >= 3);
        proxy.forward();
        Eventually.within(Duration.ofSeconds(10), () -> listener.heard.size() == 2);

        proxy.refuse(503);
        proxy.cut();
        int before = proxy.refused.get();
        Eventually.within(Duration.ofSeconds(10), () -> proxy.refused.get() >= before + 3);
        proxy.forward();
        Eventually.within(Duration.ofSeconds(10), () -> listener.heard.size() == 4);
        assertThat(subscription.connections()).isEqualTo(2);
      }
    }
    assertThat(listener.heard).hasSize(4);
    assertThat(listener.heard.get(0))
        .isEqualTo("disconnected " + queue.name + ": 503 Service unavailable: the proxy refuses for now");
    assertThat(listener.heard.get(1)).isEqualTo("connected " + queue.name);
    assertThat(listener.heard.get(2)).startsWith("disconnected " + queue.name + ": ");
    assertThat(listener.heard.get(3)).isEqualTo("connected " + queue.name);
  }

  @Test
  void aStreamRefusedForGoodIsHeardAsRefused() throws Exception {
    Recording listener = new Recording();
    InletClient client = InletClient.builder().baseUrl(relay.baseUrl()).token(relay.adminToken()).build().newBuilder().streamListener(listener).build();
    Subscription subscription = client.stream("no-such-queue", 1, m -> { });
    Eventually.within(Duration.ofSeconds(5), () -> !subscription.isActive());
    subscription.close();
    assertThat(listener.heard).containsExactly("refused no-such-queue: 404");
  }
}
