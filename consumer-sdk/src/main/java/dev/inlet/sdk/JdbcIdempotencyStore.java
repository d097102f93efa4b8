package dev.inlet.sdk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An {@link IdempotencyStore} in PostgreSQL, shared by every consumer process. The table
 * {@code inlet_idempotency} is created if absent. Expiry uses the database clock only, so
 * processes with skewed clocks agree. Database failures surface as {@link IllegalStateException}.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {
  private static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS inlet_idempotency ("
          + "key text PRIMARY KEY, expires_at timestamptz NOT NULL)";
  private static final String CREATE_INDEX =
      "CREATE INDEX IF NOT EXISTS inlet_idempotency_expires_at ON inlet_idempotency (expires_at)";
  // An expired row is taken over by the update; a live one makes the statement return no row.
  private static final String CLAIM =
      "INSERT INTO inlet_idempotency (key, expires_at) VALUES (?, now() + ? * interval '1 millisecond') "
          + "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at "
          + "WHERE inlet_idempotency.expires_at < now() RETURNING key";
  private static final String RELEASE = "DELETE FROM inlet_idempotency WHERE key = ?";
  private static final String PURGE = "DELETE FROM inlet_idempotency WHERE expires_at < now()";

  private final DataSource dataSource;

  public JdbcIdempotencyStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(CREATE_TABLE);
      s.execute(CREATE_INDEX);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create table inlet_idempotency", e);
    }
  }

  @Override
  public boolean firstTime(String key, Duration ttl) {
    Objects.requireNonNull(key, "key");
    long millis = InMemoryIdempotencyStore.positive(ttl).toMillis();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setString(1, key);
      ps.setLong(2, Math.max(1, millis));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("idempotency claim failed", e);
    }
  }

  @Override
  public void release(String key) {
    Objects.requireNonNull(key, "key");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(RELEASE)) {
      ps.setString(1, key);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("idempotency release failed", e);
    }
  }

  /** Deletes expired claims; returns how many. Call it now and then (e.g. hourly). */
  public int purgeExpired() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      return s.executeUpdate(PURGE);
    } catch (SQLException e) {
      throw new IllegalStateException("idempotency purge failed", e);
    }
  }
}
