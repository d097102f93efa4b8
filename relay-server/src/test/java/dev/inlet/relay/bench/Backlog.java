package dev.inlet.relay.bench;

import dev.inlet.relay.store.Database;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A queue's backlog written straight into {@code events} and {@code messages} with {@code insert …
 * select generate_series}, in chunks, so that a million messages take seconds rather than the
 * minutes ingesting them would. Rows are shaped like the relay's (columns of V1__foundation.sql).
 */
final class Backlog implements AutoCloseable {
  private static final int CHUNK = 50_000;
  private static final String FILL = """
      with e as (
        insert into events (tenant_id, id, endpoint_id, received_at, method, path_query, headers, content_type, body,
                            source_address)
        select ?, ? || g, ?, ?, 'POST', ?, ?::jsonb, 'application/json', ?, '127.0.0.1'
          from generate_series(?::bigint, ?::bigint) g
      )
      insert into messages (tenant_id, queue_id, event_id, event_received_at)
      select ?, ?, ? || g, ? from generate_series(?::bigint, ?::bigint) g
      """;

  private final Connection connection;
  private final String tenantId;
  private final long queueId;
  private final String endpointId;
  private final byte[] body;
  private final String idPrefix = "evt_fill_" + Long.toHexString(System.nanoTime()) + "_";
  private long written;

  /** The backlog of the one queue named {@code bench} in {@code databaseUrl}, with bodies of {@code body}. */
  Backlog(String databaseUrl, String endpointId, byte[] body) throws SQLException {
    PgConnectOptions options = Database.fromUrl(databaseUrl).connectOptions();
    this.connection = DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":" + options.getPort()
        + "/" + options.getDatabase(), options.getUser(), options.getPassword());
    this.endpointId = endpointId;
    this.body = body;
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("select tenant_id, id from queues where name = 'bench'")) {
      rs.next();
      this.tenantId = rs.getString(1);
      this.queueId = rs.getLong(2);
    }
  }

  /** A body of {@code size} ASCII bytes, JSON. */
  static byte[] body(int size) {
    String head = "{\"note\":\"";
    return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
  }

  /** Adds up to {@code count} messages, stopping after the chunk that passes {@code cap}; how many it added. */
  long add(long count, Duration cap) throws SQLException {
    long deadline = System.nanoTime() + cap.toNanos();
    long added = 0;
    OffsetDateTime receivedAt = OffsetDateTime.now();
    try (PreparedStatement fill = connection.prepareStatement(FILL)) {
      while (added < count && System.nanoTime() < deadline) {
        long n = Math.min(CHUNK, count - added);
        long from = written + 1;
        long to = written + n;
        int i = 1;
        fill.setString(i++, tenantId);
        fill.setString(i++, idPrefix);
        fill.setString(i++, endpointId);
        fill.setObject(i++, receivedAt);
        fill.setString(i++, "/in/" + endpointId);
        fill.setString(i++, "{\"content-type\":[\"application/json\"],\"user-agent\":[\"" + Payload.USER_AGENT + "\"]}");
        fill.setBytes(i++, body);
        fill.setLong(i++, from);
        fill.setLong(i++, to);
        fill.setString(i++, tenantId);
        fill.setLong(i++, queueId);
        fill.setString(i++, idPrefix);
        fill.setObject(i++, receivedAt);
        fill.setLong(i++, from);
        fill.setLong(i++, to);
        fill.executeUpdate();
        written = to;
        added += n;
      }
    }
    return added;
  }

  /** Fresh planner statistics, as autovacuum would have them for a queue that has stood a while. */
  void analyze() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("analyze messages");
    }
  }

  /** Messages of the queue not yet acked (ready, leased or dead). */
  long remaining() throws SQLException {
    try (Statement s = connection.createStatement();
         var rows = s.executeQuery("select count(*) from messages where queue_id = " + queueId)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  String tenantId() {
    return tenantId;
  }

  long queueId() {
    return queueId;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
