package dev.inlet.relay.bench;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.id.LeaseRef;
import dev.inlet.relay.store.Database;
import dev.inlet.relay.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database's reference for draining: no relay, {@link #CONNECTIONS} connections each running
 * the relay's own lease and batch-ack statements (through {@link MessageStore}, so they cannot
 * drift from what the relay runs), back to back, until the queue is empty or the cap. Two round
 * trips per batch, as a consumer doing receive + batch ack needs.
 */
final class SqlDrain {
  static final int CONNECTIONS = 4;
  private static final int LEASE_SECONDS = 30;
  private static final int MAX_ATTEMPTS = 10;
  private static final MessageStore MESSAGES = new MessageStore();

  private SqlDrain() {}

  static DrainResult run(String name, String databaseUrl, String tenantId, long queueId, int batch, Duration cap)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.fromUrl(databaseUrl).asyncCommitPool(vertx, CONNECTIONS);
      long start = System.nanoTime();
      long deadline = start + cap.toNanos();
      // Each loop may run on its own event loop: one slot per loop, read after all have finished.
      long[] settled = new long[CONNECTIONS];
      long[] failed = new long[CONNECTIONS];
      AtomicBoolean emptied = new AtomicBoolean();
      CompletableFuture<?>[] loops = new CompletableFuture<?>[CONNECTIONS];
      for (int i = 0; i < CONNECTIONS; i++) {
        int worker = i;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loops[i] = done;
        vertx.runOnContext(v -> loop(pool, tenantId, queueId, batch, deadline, worker, settled, failed, emptied, done));
      }
      CompletableFuture.allOf(loops).get(cap.toSeconds() + 60, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      long total = 0;
      long failures = 0;
      for (int i = 0; i < CONNECTIONS; i++) {
        total += settled[i];
        failures += failed[i];
      }
      return new DrainResult(name, total, seconds, failures, emptied.get());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void loop(Pool pool, String tenantId, long queueId, int batch, long deadline, int worker,
      long[] settled, long[] failed, AtomicBoolean emptied, CompletableFuture<Void> done) {
    if (emptied.get() || System.nanoTime() >= deadline || failed[worker] > 1_000) {
      done.complete(null);
      return;
    }
    TenantId tenant = new TenantId(tenantId);
    // The relay's own statement, recording its delivery attempts as a consumer's lease would.
    MESSAGES.lease(pool, tenant, queueId, MAX_ATTEMPTS, batch, LEASE_SECONDS,
            new MessageStore.Leaser("tok_bench", batch == 1 ? "next" : "receive"))
        .compose(leased -> {
          List<LeaseRef> leases = new ArrayList<>();
          leased.rows().forEach(row -> leases.add(new LeaseRef(row.id(), row.leaseToken())));
          if (leases.isEmpty()) {
            emptied.set(true);
            return Future.succeededFuture(0);
          }
          return MESSAGES.ackMany(pool, tenant, queueId, leases).map(Set::size);
        })
        .onComplete(result -> {
          if (result.failed()) {
            failed[worker]++;
          } else {
            settled[worker] += result.result();
          }
          loop(pool, tenantId, queueId, batch, deadline, worker, settled, failed, emptied, done);
        });
  }
}
