package dev.inlet.relay.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Deletes what has expired: dedupe keys past their window, dead messages past their queue's
 * retention, events past their tenant's retention, request log rows past the log's retention.
 */
public final class HousekeepingStore {
  /** The request log's default retention: three days. */
  public static final int DEFAULT_REQUEST_LOG_RETENTION_SECONDS = 72 * 3600;

  /** What one run removed; {@code ran} is false when another node held the lock. */
  public record Purged(boolean ran, int dedupeKeys, int deadMessages, int events, int requests) {
    public Purged(boolean ran, int dedupeKeys, int deadMessages, int events) {
      this(ran, dedupeKeys, deadMessages, events, 0);
    }
  }

  private final int requestLogRetentionSeconds;

  public HousekeepingStore() {
    this(DEFAULT_REQUEST_LOG_RETENTION_SECONDS);
  }

  public HousekeepingStore(int requestLogRetentionSeconds) {
    this.requestLogRetentionSeconds = requestLogRetentionSeconds;
  }

  public Future<Purged> purge(Pool pool, int maxRows) {
    return pool.withTransaction(tx -> tx.query(HousekeepingSql.TRY_LOCK).execute().compose(lock -> {
      if (!lock.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(new Purged(false, 0, 0, 0));
      }
      Tuple limit = Tuple.of(maxRows);
      // Dead messages first: the events they held may then go in the same run.
      return tx.preparedQuery(HousekeepingSql.PURGE_DEDUPE_KEYS).execute(limit)
          .compose(keys -> tx.preparedQuery(HousekeepingSql.PURGE_DEAD_MESSAGES).execute(limit)
              .compose(dead -> tx.preparedQuery(HousekeepingSql.PURGE_EVENTS).execute(limit)
                  // Delivery attempts go by the same rule as their events; old rate counts after two hours.
                  .compose(events -> tx.preparedQuery(AttemptSql.PURGE).execute(limit)
                      .compose(attempts -> tx.query(RateSql.PURGE).execute())
                      .compose(rates -> tx.preparedQuery(RequestLogSql.PURGE)
                          .execute(Tuple.of(maxRows, requestLogRetentionSeconds)))
                      .map(requests -> new Purged(true, keys.rowCount(), dead.rowCount(), events.rowCount(),
                          requests.rowCount())))));
    }));
  }
}
