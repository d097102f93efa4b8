package dev.inlet.relay.queue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN inlet_queue}: commits on other relay nodes wake this node's waiting consumers. The
 * payload is the queue id. The subscriber reconnects by itself after the database comes back.
 */
public final class QueueNotifications {
  static final String CHANNEL = "inlet_queue";
  private static final Logger log = LoggerFactory.getLogger(QueueNotifications.class);

  private final PgSubscriber subscriber;

  private QueueNotifications(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  public static Future<QueueNotifications> start(Vertx vertx, PgConnectOptions options, QueueSignals signals) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(CHANNEL).handler(payload -> {
      try {
        signals.signal(Long.parseLong(payload));
      } catch (NumberFormatException e) {
        log.debug("Ignoring a notification that is not a queue id");
      }
    });
    return subscriber.connect().map(v -> new QueueNotifications(subscriber));
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
