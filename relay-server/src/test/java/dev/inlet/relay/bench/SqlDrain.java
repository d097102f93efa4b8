package dev.inlet.relay.bench;

import dev.inlet.relay.store.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database's reference for draining: no relay, {@link #CONNECTIONS} connections each running
 * the relay's own LEASE statement then its batch ACK, back to back, until the queue is empty or
 * the cap. Two round trips per batch, as a consumer doing receive + batch ack needs.
 */
final class SqlDrain {
  static final int CONNECTIONS = 4;
  private static final int LEASE_SECONDS = 30;
  private static final int MAX_ATTEMPTS = 10;

  /** A copy of {@code MessageSql.LEASE} (package-private in {@code store}); keep the two in step. */
  private static final String LEASE = """
      with candidates as (
        select id from messages
         where queue_id = $2 and state <> 'dead' and visible_at <= now()
         order by visible_at, id
         for update skip locked
         limit $3
      ),
      leased as (
        update messages m
           set attempt = case when m.attempt >= $5 then m.attempt else m.attempt + 1 end,
               state = case when m.attempt >= $5 then 'dead' else 'leased' end,
               visible_at = case when m.attempt >= $5 then m.visible_at else now() + make_interval(secs => $4) end,
               lease_token = case when m.attempt >= $5 then null else gen_random_uuid() end,
               dead_at = case when m.attempt >= $5 then now() else null end,
               last_error = case when m.attempt >= $5 then 'max attempts reached' else m.last_error end
          from candidates c
         where m.id = c.id and m.tenant_id = $1
        returning m.id, m.state, m.attempt, m.lease_token, m.visible_at, m.enqueued_at, m.event_id, m.event_received_at
      )
      select l.id, l.state, l.attempt, l.lease_token, l.visible_at as lease_expires_at, l.enqueued_at, l.event_id,
             e.endpoint_id, e.received_at, e.headers, e.content_type, e.body
        from leased l left join events e on e.id = l.event_id and e.received_at = l.event_received_at
       order by l.id
      """;

  /** A copy of {@code MessageSql.ACK_MANY}. */
  private static final String ACK_MANY = """
      delete from messages m using unnest($3::bigint[], $4::uuid[]) as a(id, lease_token)
       where m.tenant_id = $1 and m.queue_id = $2 and m.id = a.id and m.lease_token = a.lease_token
         and m.state = 'leased'
      returning m.id, m.lease_token
      """;

  private SqlDrain() {}

  static DrainResult run(String name, String databaseUrl, String tenantId, long queueId, int batch, Duration cap)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.fromUrl(databaseUrl).pool(vertx, CONNECTIONS);
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
    pool.preparedQuery(LEASE).execute(Tuple.of(tenantId, queueId, batch, LEASE_SECONDS, MAX_ATTEMPTS))
        .compose((RowSet<Row> rows) -> {
          List<Long> ids = new ArrayList<>();
          List<UUID> leases = new ArrayList<>();
          rows.forEach(row -> {
            ids.add(row.getLong("id"));
            leases.add(row.getUUID("lease_token"));
          });
          if (ids.isEmpty()) {
            emptied.set(true);
            return io.vertx.core.Future.succeededFuture(0);
          }
          return pool.preparedQuery(ACK_MANY)
              .execute(Tuple.of(tenantId, queueId, ids.toArray(new Long[0]), leases.toArray(new UUID[0])))
              .map(RowSet::rowCount);
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
