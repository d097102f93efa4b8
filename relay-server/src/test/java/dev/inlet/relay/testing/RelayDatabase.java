package dev.inlet.relay.testing;

import dev.inlet.relay.id.MessageId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Straight SQL on a relay's database, so that tests need not sleep for time to pass: a lease, a nack
 * delay or a retention period ends by ageing its rows. Database time stays the queue's only clock;
 * {@code now()} is never touched. Each change that makes messages visible also sends the
 * {@code NOTIFY inlet_queue} a commit would, so waiting long polls and streams look again at once.
 */
public final class RelayDatabase {
  private final String databaseUrl;

  RelayDatabase(String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  /** Ends every running lease of the tenant's queue, as if each had run out a second ago; how many. */
  public int expireLeases(String tenantId, String queue) {
    return updateQueue(tenantId, queue, """
        update messages set visible_at = now() - interval '1 second'
         where tenant_id = ? and queue_id = ? and state = 'leased' and visible_at > now()
        """);
  }

  /** Ends every nack delay of the tenant's queue, as if each had run out a second ago; how many. */
  public int endDelays(String tenantId, String queue) {
    return updateQueue(tenantId, queue, """
        update messages set visible_at = now() - interval '1 second'
         where tenant_id = ? and queue_id = ? and state = 'ready' and visible_at > now()
        """);
  }

  /**
   * Moves the visibility of every live message of the tenant's queue {@code by} into the past, as if
   * that much time had gone by for them (a lease of 30 s has {@code 30 s - by} left); how many.
   */
  public int ageMessages(String tenantId, String queue, Duration by) {
    return updateQueue(tenantId, queue, """
        update messages set visible_at = visible_at - make_interval(secs => ?)
         where tenant_id = ? and queue_id = ? and state <> 'dead'
        """, by.toNanos() / 1e9);
  }

  /** Makes one message ({@code msg_…}) visible now, whether leased or delayed; whether it was found alive. */
  public boolean makeVisible(String tenantId, String messageId) {
    long id = MessageId.parse(messageId).orElseThrow(() -> new IllegalArgumentException(messageId)).value();
    try (Connection connection = connect();
         PreparedStatement update = connection.prepareStatement("""
             update messages set visible_at = now() - interval '1 second'
              where tenant_id = ? and id = ? and state <> 'dead' returning queue_id
             """)) {
      update.setString(1, tenantId);
      update.setLong(2, id);
      try (ResultSet rows = update.executeQuery()) {
        if (!rows.next()) {
          return false;
        }
        notifyQueue(connection, rows.getLong(1));
        return true;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not make " + messageId + " visible", e);
    }
  }

  /**
   * Moves every stored event of the tenant {@code by} into the past (and the messages that point at
   * them along), as if they had been received that much earlier: retention tests need not wait.
   */
  public void ageEvents(String tenantId, Duration by) {
    double seconds = by.toNanos() / 1e9;
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      for (String sql : new String[] {
          "update events set received_at = received_at - make_interval(secs => ?) where tenant_id = ?",
          "update messages set event_received_at = event_received_at - make_interval(secs => ?) where tenant_id = ?"}) {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
          update.setDouble(1, seconds);
          update.setString(2, tenantId);
          update.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not age the events of " + tenantId, e);
    }
  }

  /** A JDBC connection to the relay's database, for a test's own statements. */
  public Connection connect() throws SQLException {
    return TestDatabase.connect(databaseUrl);
  }

  /** Runs {@code sql} (tenant id, queue id, then {@code more} as parameters) and wakes the queue's waiters. */
  private int updateQueue(String tenantId, String queue, String sql, Object... more) {
    try (Connection connection = connect()) {
      long queueId = queueId(connection, tenantId, queue);
      int changed;
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        int i = 1;
        for (Object parameter : more) {
          update.setObject(i++, parameter);
        }
        update.setString(i++, tenantId);
        update.setLong(i, queueId);
        changed = update.executeUpdate();
      }
      notifyQueue(connection, queueId);
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException("could not update the messages of queue " + queue, e);
    }
  }

  private static long queueId(Connection connection, String tenantId, String queue) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("select id from queues where tenant_id = ? and name = ?")) {
      select.setString(1, tenantId);
      select.setString(2, queue);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalArgumentException("tenant " + tenantId + " has no queue named " + queue);
        }
        return rows.getLong(1);
      }
    }
  }

  /** What the ingest statement sends on commit: every relay node on the database wakes the queue's waiters. */
  private static void notifyQueue(Connection connection, long queueId) throws SQLException {
    try (PreparedStatement notify = connection.prepareStatement("select pg_notify('inlet_queue', ?)")) {
      notify.setString(1, Long.toString(queueId));
      notify.execute();
    }
  }

  /**
   * Ends every relay node's LISTEN connection to this database, as a network blip or a database
   * restart would; returns once none is left (each node listens again a second later).
   */
  public int dropListenConnections() {
    String listeners = "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
        + " and query ilike 'listen%'";
    try (Connection connection = connect();
         PreparedStatement terminate = connection.prepareStatement("select count(pg_terminate_backend(pid)) " + listeners);
         PreparedStatement left = connection.prepareStatement("select count(*) " + listeners)) {
      int ended;
      try (ResultSet rows = terminate.executeQuery()) {
        rows.next();
        ended = rows.getInt(1);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = left.executeQuery()) {
          rows.next();
          if (rows.getInt(1) == 0) {
            return ended;
          }
        }
        Thread.sleep(5);
      }
      throw new IllegalStateException("the LISTEN connections did not end");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
