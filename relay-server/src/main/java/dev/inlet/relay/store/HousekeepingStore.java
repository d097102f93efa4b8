package dev.inlet.relay.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

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

  /** What one partition run did; {@code ran} is false when another node held the lock. */
  public record Days(boolean ran, int made, List<String> dropped) {}

  /**
   * Makes the day partitions of events up to {@code daysAhead} days ahead and drops those past
   * retention, in a transaction of its own: its DDL may give up on its lock without undoing a purge.
   */
  public Future<Days> partitions(Pool pool, int daysAhead) {
    return pool.withTransaction(tx -> tx.query(HousekeepingSql.TRY_LOCK).execute().compose(lock -> {
      if (!lock.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(new Days(false, 0, List.of()));
      }
      return tx.query(HousekeepingSql.DDL_LOCK_TIMEOUT).execute()
          .compose(v -> tx.preparedQuery(HousekeepingSql.MAKE_EVENT_DAYS).execute(Tuple.of(daysAhead)))
          .compose(made -> tx.query(HousekeepingSql.DROP_EVENT_DAYS).execute().map(dropped -> {
            List<String> names = new ArrayList<>();
            dropped.forEach(row -> names.add(row.getString("day")));
            return new Days(true, made.iterator().next().getInteger("made"), names);
          }));
    }));
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
