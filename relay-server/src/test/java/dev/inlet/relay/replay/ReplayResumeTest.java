package dev.inlet.relay.replay;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replay jobs across relay restarts and dead nodes: small batches, a short poll, a relay of its own. */
class ReplayResumeTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.withSettings(Map.of(
      "INLET_REPLAY_BATCH_SIZE", "5", "INLET_REPLAY_POLL_MS", "200"));
  static final Api api = relay.api();

  @Test
  void aJobADeadNodeLeftHalfDoneIsResumedFromItsCursor() throws SQLException {
    Api.TenantAccess acme = relay.newTenant("acme");
    String queue = fedQueue(acme, 30);
    api.as(acme.adminToken()).delete("/v1/queues/" + queue + "/messages").then().statusCode(200);
    relay.stop();

    // As a node that died after its second batch would leave it: 10 events done, cursor at the 10th,
    // their messages made, its lease run out.
    String job = "rpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    try (Connection db = relay.database().connect()) {
      exec(db, """
          insert into messages (tenant_id, queue_id, event_id, event_received_at, replay)
          select e.tenant_id, q.id, e.id, e.received_at, true from events e join queues q on q.tenant_id = e.tenant_id
           where e.tenant_id = ? and q.name = ? order by e.received_at, e.id limit 10
          """, acme.id(), queue);
      exec(db, """
          insert into replay_jobs (tenant_id, id, queue_id, window_from, window_to, state, total, done,
                                   cursor_received_at, cursor_event_id, lease_owner, lease_expires_at, started_at)
          select ?, ?, q.id, now() - interval '1 hour', now() + interval '1 hour', 'running', 30, 10,
                 tenth.received_at, tenth.id, gen_random_uuid(), now() - interval '1 second', now()
            from queues q, (select id, received_at from events where tenant_id = ?
                             order by received_at, id offset 9 limit 1) tenth
           where q.tenant_id = ? and q.name = ?
          """, acme.id(), job, acme.id(), acme.id(), queue);
    }
    relay.startAgain();

    JsonObject done = awaitEnd(acme, job);
    assertThat(done.getString("state")).isEqualTo("done");
    assertThat(done.getLong("done")).isEqualTo(30);
    assertThat(done.getLong("skipped")).as("it went on after the cursor, not from the start").isZero();
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(30);
    assertThat(distinctEventsQueued(acme, queue)).isEqualTo(30);
  }

  @Test
  void aJobSurvivesARelayRestartWithoutLosingOrDoublingEvents() throws SQLException {
    Api.TenantAccess acme = relay.newTenant("acme");
    String queue = fedQueue(acme, 40);
    api.as(acme.adminToken()).delete("/v1/queues/" + queue + "/messages").then().statusCode(200);
    String job = replay(acme, queue).path("id");
    relay.restart();

    JsonObject done = awaitEnd(acme, job);
    assertThat(done.getString("state")).isEqualTo("done");
    assertThat(done.getLong("total")).isEqualTo(40);
    assertThat(done.getLong("done")).isEqualTo(40);
    assertThat(stats(acme, queue).getInteger("ready")).isEqualTo(40);
    assertThat(distinctEventsQueued(acme, queue)).isEqualTo(40);
  }

  @Test
  void aCancelledJobIsNeverRunAgain() throws SQLException {
    Api.TenantAccess acme = relay.newTenant("acme");
    String queue = fedQueue(acme, 10);
    api.as(acme.adminToken()).delete("/v1/queues/" + queue + "/messages").then().statusCode(200);
    // A job another node is running (its lease is live), so this node leaves it alone until cancelled.
    String job = "rpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    try (Connection db = relay.database().connect()) {
      exec(db, """
          insert into replay_jobs (tenant_id, id, queue_id, window_from, window_to, state, lease_owner,
                                   lease_expires_at, started_at)
          select ?, ?, id, now() - interval '1 hour', now() + interval '1 hour', 'running', gen_random_uuid(),
                 now() + interval '1 hour', now() from queues where tenant_id = ? and name = ?
          """, acme.id(), job, acme.id(), queue);
    }
    Response cancelled = api.as(acme.adminToken()).post("/v1/replays/" + job + "/cancel");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.<String>path("state")).isEqualTo("cancelled");
    assertThat(cancelled.<String>path("finishedAt")).isNotNull();

    try (Connection db = relay.database().connect()) {
      exec(db, "update replay_jobs set lease_expires_at = now() - interval '1 second' where id = ?", job);
    }
    sleep(1_500);
    JsonObject after = new JsonObject(api.as(acme.adminToken()).get("/v1/replays/" + job).asString());
    assertThat(after.getString("state")).isEqualTo("cancelled");
    assertThat(after.getLong("done")).isZero();
    assertThat(stats(acme, queue).getInteger("ready")).isZero();
    assertProblem(api.as(acme.adminToken()).post("/v1/replays/" + job + "/cancel"), 409, "conflict");
  }

  /** A queue of the tenant with an endpoint routed to it, fed {@code events} events; its name. */
  private static String fedQueue(Api.TenantAccess tenant, int events) {
    String queue = RelayExtension.uniqueName("rq");
    api.createQueue(tenant.adminToken(), queue);
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep-" + queue, queue);
    for (int i = 0; i < events; i++) {
      relay.inbound().post(endpoint, "{\"n\":" + i + "}", Map.of());
    }
    return queue;
  }

  private static Response replay(Api.TenantAccess tenant, String queue) {
    return api.as(tenant.adminToken()).body(Map.of("from", Instant.now().minus(Duration.ofHours(1)).toString(),
        "to", Instant.now().plus(Duration.ofMinutes(5)).toString())).post("/v1/queues/" + queue + "/replays");
  }

  private static JsonObject awaitEnd(Api.TenantAccess tenant, String id) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
        () -> new JsonObject(api.as(tenant.adminToken()).get("/v1/replays/" + id).asString()),
        job -> List.of("done", "cancelled", "failed").contains(job.getString("state")));
  }

  private static JsonObject stats(Api.TenantAccess tenant, String queue) {
    return new JsonObject(api.as(tenant.adminToken()).get("/v1/queues/" + queue).asString()).getJsonObject("stats");
  }

  private static long distinctEventsQueued(Api.TenantAccess tenant, String queue) throws SQLException {
    try (Connection db = relay.database().connect();
        PreparedStatement count = db.prepareStatement("""
            select count(distinct m.event_id) as events, count(*) as messages from messages m
              join queues q on q.id = m.queue_id where q.tenant_id = ? and q.name = ?
            """)) {
      count.setString(1, tenant.id());
      count.setString(2, queue);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        assertThat(rows.getLong("messages")).as("one message per event").isEqualTo(rows.getLong("events"));
        return rows.getLong("events");
      }
    }
  }

  private static void exec(Connection db, String sql, String... params) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      statement.executeUpdate();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
