package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A message's delivery history: the message (live or settled and gone) and its attempts. */
public final class AttemptStore {

  /** One lease of a message that has ended, as {@code delivery_attempts} keeps it. */
  public record NewAttempt(String tenantId, long messageId, UUID leaseToken, long queueId, String eventId,
      OffsetDateTime eventReceivedAt, OffsetDateTime enqueuedAt, int attempt, String tokenId, String via,
      int leaseSeconds, OffsetDateTime leasedAt, String outcome, String reason, Double delaySeconds,
      OffsetDateTime settledAt) {}

  /** Writes ended attempts in one statement; one already there (the same lease) is left as it is. */
  public Future<Void> write(SqlClient sql, List<NewAttempt> attempts) {
    int n = attempts.size();
    String[] tenant = new String[n];
    Long[] message = new Long[n];
    UUID[] lease = new UUID[n];
    Long[] queue = new Long[n];
    String[] event = new String[n];
    OffsetDateTime[] eventReceived = new OffsetDateTime[n];
    OffsetDateTime[] enqueued = new OffsetDateTime[n];
    Integer[] attempt = new Integer[n];
    String[] token = new String[n];
    String[] via = new String[n];
    Integer[] seconds = new Integer[n];
    OffsetDateTime[] leased = new OffsetDateTime[n];
    String[] outcome = new String[n];
    String[] reason = new String[n];
    Double[] delay = new Double[n];
    OffsetDateTime[] settled = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      NewAttempt a = attempts.get(i);
      tenant[i] = a.tenantId();
      message[i] = a.messageId();
      lease[i] = a.leaseToken();
      queue[i] = a.queueId();
      event[i] = a.eventId();
      eventReceived[i] = a.eventReceivedAt();
      enqueued[i] = a.enqueuedAt();
      attempt[i] = a.attempt();
      token[i] = a.tokenId();
      via[i] = a.via();
      seconds[i] = a.leaseSeconds();
      leased[i] = a.leasedAt();
      outcome[i] = a.outcome();
      reason[i] = a.reason();
      delay[i] = a.delaySeconds();
      settled[i] = a.settledAt();
    }
    Tuple params = Tuple.tuple().addArrayOfString(tenant).addArrayOfLong(message).addArrayOfUUID(lease)
        .addArrayOfLong(queue).addArrayOfString(event).addArrayOfOffsetDateTime(eventReceived)
        .addArrayOfOffsetDateTime(enqueued).addArrayOfInteger(attempt).addArrayOfString(token).addArrayOfString(via)
        .addArrayOfInteger(seconds).addArrayOfOffsetDateTime(leased).addArrayOfString(outcome).addArrayOfString(reason)
        .addArrayOfDouble(delay).addArrayOfOffsetDateTime(settled);
    return sql.preparedQuery(AttemptSql.WRITE).execute(params).mapEmpty();
  }

  /**
   * A message as inspection shows it. {@code state} is the row's while the message exists (null when
   * it is gone); {@code lastOutcome} is the outcome of its last attempt once it is gone.
   */
  public record MessageRow(long id, String queue, String eventId, String state, OffsetDateTime visibleAt, int attempt,
      OffsetDateTime enqueuedAt, String lastError, OffsetDateTime deadAt, String lastOutcome) {}

  /** One lease of a message and how it ended ({@code settledAt} null while it is open). */
  public record AttemptRow(int attempt, UUID leaseToken, OffsetDateTime leasedAt, String tokenId, String via,
      int leaseSeconds, String outcome, String reason, Double delaySeconds, OffsetDateTime settledAt) {}

  public Future<Optional<MessageRow>> findMessage(SqlClient sql, TenantId tenant, long messageId) {
    return sql.preparedQuery(AttemptSql.FIND_MESSAGE).execute(Tuple.of(tenant.value(), messageId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new MessageRow(row.getLong("id"), row.getString("queue"), row.getString("event_id"),
          row.getString("state"), row.getOffsetDateTime("visible_at"), row.getInteger("attempt"),
          row.getOffsetDateTime("enqueued_at"), row.getString("last_error"), row.getOffsetDateTime("dead_at"),
          row.getString("last_outcome")));
    });
  }

  /** Attempts after ({@code afterLeasedAt}, {@code afterToken}), oldest first; the epoch and a nil token for the first page. */
  public Future<List<AttemptRow>> page(SqlClient sql, TenantId tenant, long messageId, OffsetDateTime afterLeasedAt,
      UUID afterToken, int limit) {
    return sql.preparedQuery(AttemptSql.PAGE)
        .execute(Tuple.of(tenant.value(), messageId, afterLeasedAt, afterToken, limit))
        .map(rows -> {
          List<AttemptRow> page = new ArrayList<>();
          for (Row row : rows) {
            page.add(new AttemptRow(row.getInteger("attempt"), row.getUUID("lease_token"),
                row.getOffsetDateTime("leased_at"), row.getString("token_id"), row.getString("via"),
                row.getInteger("lease_seconds"), row.getString("outcome"), row.getString("reason"),
                row.getDouble("delay_seconds"), row.getOffsetDateTime("settled_at")));
          }
          return page;
        });
  }
}
