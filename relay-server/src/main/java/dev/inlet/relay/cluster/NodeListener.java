package dev.inlet.relay.cluster;

import dev.inlet.relay.store.ChangeStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's one LISTEN connection: {@code inlet_queue} (a queue id: messages became visible there,
 * committed on another node) wakes its waiting consumers; {@code inlet_changes} makes its caches
 * forget what changed ({@link ClusterChanges}). The connection comes back by itself a second after
 * it drops; once it listens again the node looks once ({@link ClusterChanges#onRelisten}): every
 * waiter looks at its queue and every cache forgets, since what was notified meanwhile is lost.
 */
public final class NodeListener {
  public static final String QUEUE_CHANNEL = "inlet_queue";
  static final long RECONNECT_MILLIS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(NodeListener.class);

  private final PgSubscriber subscriber;

  private NodeListener(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  public static Future<NodeListener> start(Vertx vertx, PgConnectOptions options, LongConsumer queueSignal,
      ClusterChanges changes, MeterRegistry registry) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_MILLIS);
    AtomicBoolean everListened = new AtomicBoolean();
    Counter relistens = Counter.builder("inlet.listen.reconnects")
        .description("Times this node's LISTEN connection came back after a drop (each followed by one look at every queue)")
        .register(registry);
    Gauge.builder("inlet.listen.connected", subscriber, listener -> listener.actualConnection() != null ? 1 : 0)
        .description("1 while this node listens for other nodes' notifications, 0 while it reconnects")
        .register(registry);
    subscriber.channel(QUEUE_CHANNEL).handler(payload -> {
      try {
        queueSignal.accept(Long.parseLong(payload));
      } catch (NumberFormatException e) {
        log.debug("Ignoring a notification that is not a queue id");
      }
    }).subscribeHandler(v -> {
      if (everListened.getAndSet(true)) {
        relistens.increment();
        log.warn("The LISTEN connection to the database had dropped and is back: every waiter looks at its queue"
            + " once, and every cache starts afresh");
        changes.relistened();
      }
    });
    subscriber.channel(ChangeStore.CHANNEL).handler(changes::received);
    return subscriber.connect().map(v -> new NodeListener(subscriber));
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
