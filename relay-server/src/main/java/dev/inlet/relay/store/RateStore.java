package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-minute in/out counts of queues. */
public final class RateStore {

  /** One queue's counts in one minute ({@code minute}: minutes since the epoch). */
  public record Counts(long queueId, long minute, long enqueued, long acked) {}

  /** One minute of a queue's history. */
  public record MinuteRow(OffsetDateTime minute, long enqueued, long acked) {}

  public Future<Void> add(SqlClient sql, List<Counts> counts) {
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] queues = counts.stream().map(Counts::queueId).toArray(Long[]::new);
    Long[] minutes = counts.stream().map(Counts::minute).toArray(Long[]::new);
    Long[] in = counts.stream().map(Counts::enqueued).toArray(Long[]::new);
    Long[] out = counts.stream().map(Counts::acked).toArray(Long[]::new);
    return sql.preparedQuery(RateSql.ADD).execute(Tuple.of(queues, minutes, in, out)).mapEmpty();
  }

  public Future<List<MinuteRow>> lastMinutes(SqlClient sql, TenantId tenant, long queueId, int minutes) {
    return sql.preparedQuery(RateSql.LAST_MINUTES).execute(Tuple.of(tenant.value(), queueId, minutes)).map(rows -> {
      List<MinuteRow> history = new ArrayList<>();
      for (Row row : rows) {
        history.add(new MinuteRow(row.getOffsetDateTime("minute"), row.getLong("enqueued"), row.getLong("acked")));
      }
      return history;
    });
  }

  /** {@link #lastMinutes} of each of {@code queueIds}, by queue id. */
  public Future<Map<Long, List<MinuteRow>>> lastMinutesOf(SqlClient sql, TenantId tenant, List<Long> queueIds,
      int minutes) {
    Tuple params = Tuple.of(tenant.value()).addArrayOfLong(queueIds.toArray(new Long[0])).addInteger(minutes);
    return sql.preparedQuery(RateSql.LAST_MINUTES_OF_QUEUES).execute(params).map(rows -> {
      Map<Long, List<MinuteRow>> byQueue = new HashMap<>();
      for (Row row : rows) {
        byQueue.computeIfAbsent(row.getLong("queue_id"), id -> new ArrayList<>())
            .add(new MinuteRow(row.getOffsetDateTime("minute"), row.getLong("enqueued"), row.getLong("acked")));
      }
      return byQueue;
    });
  }
}
