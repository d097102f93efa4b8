package dev.inlet.relay.queue;

import dev.inlet.relay.store.QueueStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-queue depth gauges (ready, leased, dead, oldest ready age, paused), labelled by tenant and
 * queue. A scrape reads the values in memory; one statement every {@code refreshMillis} on each node
 * refreshes them for every queue at once. Queues over the label limit add up under
 * {@code queue="_other"} (the oldest age: the oldest of them); a deleted queue's gauges go.
 */
public final class QueueGauges {
  private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

  /** What the gauges of one label set read. */
  private static final class Depth {
    volatile double ready;
    volatile double leased;
    volatile double dead;
    volatile double oldestReadyAge;
    volatile double paused;
    final List<Meter> meters = new ArrayList<>();
  }

  private final Vertx vertx;
  private final Pool pool;
  private final QueueStore store;
  private final MeterRegistry registry;
  private final QueueLabels labels;
  private final Map<Tags, Depth> depths = new ConcurrentHashMap<>();
  private final long timer;
  private boolean refreshing;

  public QueueGauges(Vertx vertx, Pool pool, QueueStore store, MeterRegistry registry, QueueLabels labels,
      long refreshMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.registry = registry;
    this.labels = labels;
    this.timer = vertx.setPeriodic(1, refreshMillis, id -> refresh());
  }

  /** One refresh (none if one is under way). */
  public Future<Void> refresh() {
    if (refreshing) {
      return Future.succeededFuture();
    }
    refreshing = true;
    return store.depths(pool).onComplete(done -> refreshing = false)
        .onFailure(e -> log.debug("Queue gauges not refreshed: {}", e.toString()))
        .onSuccess(this::apply).mapEmpty();
  }

  private void apply(List<QueueStore.DepthRow> rows) {
    Map<Tags, double[]> sums = new HashMap<>();
    Set<List<String>> alive = new HashSet<>();
    for (QueueStore.DepthRow row : rows) {
      alive.add(List.of(row.tenantId().value(), row.name()));
      double[] sum = sums.computeIfAbsent(labels.tags(row.tenantId().value(), row.name()), t -> new double[5]);
      sum[0] += row.ready();
      sum[1] += row.leased();
      sum[2] += row.dead();
      sum[3] = Math.max(sum[3], row.oldestReadyAgeSeconds());
      sum[4] = Math.max(sum[4], row.paused() ? 1 : 0);
    }
    sums.forEach((tags, sum) -> {
      Depth depth = depths.computeIfAbsent(tags, this::register);
      depth.ready = sum[0];
      depth.leased = sum[1];
      depth.dead = sum[2];
      depth.oldestReadyAge = sum[3];
      depth.paused = sum[4];
    });
    for (Tags tags : List.copyOf(depths.keySet())) {
      if (!sums.containsKey(tags)) {
        Depth gone = depths.remove(tags);
        gone.meters.forEach(registry::remove);
        String tenant = tags.stream().filter(t -> t.getKey().equals("tenant")).findFirst().orElseThrow().getValue();
        String queue = tags.stream().filter(t -> t.getKey().equals("queue")).findFirst().orElseThrow().getValue();
        if (!alive.contains(List.of(tenant, queue))) {
          labels.forget(tenant, queue);
        }
      }
    }
  }

  private Depth register(Tags tags) {
    Depth depth = new Depth();
    depth.meters.add(Gauge.builder("inlet.queue.ready.messages", depth, d -> d.ready)
        .description("Messages that can be leased now").tags(tags).register(registry));
    depth.meters.add(Gauge.builder("inlet.queue.leased.messages", depth, d -> d.leased)
        .description("Messages held by consumers").tags(tags).register(registry));
    depth.meters.add(Gauge.builder("inlet.queue.dead.messages", depth, d -> d.dead)
        .description("Dead-lettered messages").tags(tags).register(registry));
    depth.meters.add(Gauge.builder("inlet.queue.oldest.ready.age.seconds", depth, d -> d.oldestReadyAge)
        .description("Age of the oldest message that can be leased now").tags(tags).register(registry));
    depth.meters.add(Gauge.builder("inlet.queue.paused", depth, d -> d.paused)
        .description("1 while the queue is paused").tags(tags).register(registry));
    return depth;
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }
}
