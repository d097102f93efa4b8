package dev.inlet.relay.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.store.HousekeepingStore;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HousekeepingTest {
  // Only the tests run housekeeping: a timed run in the middle of one would make its run a no-op.
  @RegisterExtension static final RelayExtension relay =
      RelayExtension.withSettings(Map.of("INLET_HOUSEKEEPING_INTERVAL_MS", "86400000"));
  static final Api api = relay.api();

  @Test
  void expiredKeysAndDeliveredEventsPastRetentionGoButUndeliveredOnesStay() throws Exception {
    Api.TenantAccess tenant = api.createTenant("retention");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    Inbound inbound = relay.inbound();
    String delivered = eventId(inbound.post(endpoint, "{\"done\":1}", Map.of()).body());
    String pending = eventId(inbound.post(endpoint, "{\"waiting\":1}", Map.of()).body());
    String ackUrl = new JsonObject(api.as(tenant.adminToken()).get("/v1/queues/q/next").header("Inlet-Meta"))
        .getString("ackUrl");
    api.as(tenant.adminToken()).post(ackUrl.substring(relay.publicUrl().length())).then().statusCode(204);

    sql("update tenants set retention_seconds = 1 where id = $1", tenant.id());
    sql("update dedupe_keys set expires_at = now() - interval '1 second' where tenant_id = $1", tenant.id());
    // Received 1.2 s earlier, as if that long had gone by: past the tenant's second of retention.
    relay.database().ageEvents(tenant.id(), Duration.ofMillis(1_200));

    HousekeepingStore.Purged purged = relay.relay().housekeepNow().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertThat(purged.dedupeKeys()).isGreaterThanOrEqualTo(2);
    assertThat(purged.events()).isGreaterThanOrEqualTo(1);
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + delivered).statusCode()).isEqualTo(404);
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + pending).statusCode()).isEqualTo(200);
    assertThat(api.as(tenant.adminToken()).get("/v1/queues/q/next").asString()).isEqualTo("{\"waiting\":1}");
    assertThat(inbound.post(endpoint, "{\"done\":1}", Map.of()).statusCode()).as("dedupe key expired").isEqualTo(202);
  }

  @Test
  void deadMessagesGoWhenTheirQueuesRetentionHasPassedSinceTheyDied() throws Exception {
    Api.TenantAccess tenant = tenantWithDeadMessages("dead-retention", 2);
    // One died two hours ago, past the queue's hour; the other just now.
    sql("""
        update messages set dead_at = now() - interval '2 hours'
         where id = (select min(id) from messages where tenant_id = $1 and state = 'dead')
        """, tenant.id());

    HousekeepingStore.Purged purged = housekeep();

    assertThat(purged.deadMessages()).isEqualTo(1);
    assertThat(api.anonymous().get("/metrics").asString())
        .containsPattern("inlet_housekeeping_removed_total\\{what=\"dead_messages\"} [1-9]");
    assertThat(api.as(tenant.adminToken()).get("/v1/queues/q").jsonPath().getInt("stats.dead")).isEqualTo(1);
    List<String> left = api.as(tenant.adminToken()).get("/v1/queues/q/messages?state=dead").jsonPath()
        .getList("items.lastError");
    assertThat(left).containsExactly("test");
  }

  @Test
  void aDeadMessageRedrivenWhileHousekeepingRunsStays() throws Exception {
    Api.TenantAccess tenant = tenantWithDeadMessages("redrive-race", 1);
    sql("update messages set dead_at = now() - interval '2 hours' where tenant_id = $1", tenant.id());

    // A redrive holds the row when housekeeping, which saw it dead and expired, comes to delete it.
    SqlConnection redrive = await(relay.relay().pool().getConnection());
    try {
      Transaction tx = await(redrive.begin());
      await(redrive.preparedQuery("""
          update messages set state = 'ready', attempt = 0, visible_at = now(), dead_at = null
           where tenant_id = $1 and state = 'dead'
          """).execute(Tuple.of(tenant.id())));
      Future<HousekeepingStore.Purged> housekeeping = relay.relay().housekeepNow();
      awaitLockWait();
      await(tx.commit());
      assertThat(await(housekeeping).deadMessages()).isZero();
    } finally {
      redrive.close();
    }
    assertThat(api.as(tenant.adminToken()).get("/v1/queues/q/next").asString()).isEqualTo("{\"n\":1}");
  }

  @Test
  void housekeepingAndReplayNeverRunAtOnce() throws Exception {
    Api.TenantAccess tenant = api.createTenant("replay-race");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    relay.inbound().post(endpoint, "{\"n\":1}", Map.of());
    Map<String, String> window = Map.of("from", Instant.now().minusSeconds(60).toString(),
        "to", Instant.now().plusSeconds(60).toString());

    // Housekeeping mid-run on another node: a replay waits for it…
    SqlConnection other = await(relay.relay().pool().getConnection());
    try {
      Transaction tx = await(other.begin());
      await(other.query("select pg_advisory_xact_lock(hashtext('inlet.housekeeping'))").execute());
      CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() -> api.as(tenant.adminToken())
          .body(window).post("/v1/queues/q/replay").then().statusCode(200).extract().<Integer>path("replayed"));
      awaitLockWait();
      assertThat(replay).isNotDone();
      await(tx.commit());
      assertThat(replay.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      other.close();
    }

    // …and a replay under way (its lock held by an open transaction) makes housekeeping skip its turn.
    SqlConnection replaying = await(relay.relay().pool().getConnection());
    try {
      Transaction tx = await(replaying.begin());
      await(replaying.query("select pg_advisory_xact_lock_shared(hashtext('inlet.housekeeping'))").execute());
      assertThat(housekeep().ran()).isFalse();
      await(tx.commit());
    } finally {
      replaying.close();
    }
    assertThat(housekeep().ran()).isTrue();
  }

  @Test
  void eventsStillNeededDoNotHoldUpTheCleanUpOfNewerOnes() throws Exception {
    Api.TenantAccess tenant = api.createTenant("pinned");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    // More old events still waiting in the queue than one housekeeping step looks at…
    int pinned = Housekeeping.MAX_ROWS_PER_RUN + 100;
    sql("""
        with e as (
          insert into events (tenant_id, id, endpoint_id, received_at, method, headers, body)
          select $1, 'evt_pinned' || g, $2, now() - interval '3 days' + g * interval '1 ms', 'POST', '{}', '\\x7b7d'
            from generate_series(1, $3::int) g
          returning tenant_id, id, received_at)
        insert into messages (tenant_id, queue_id, event_id, event_received_at)
        select e.tenant_id, q.id, e.id, e.received_at from e join queues q on q.tenant_id = e.tenant_id
        """, tenant.id(), endpoint, pinned);
    // …and behind them, three delivered ones.
    sql("""
        insert into events (tenant_id, id, endpoint_id, received_at, method, headers, body)
        select $1, 'evt_done' || g, $2, now() - interval '2 days' + g * interval '1 ms', 'POST', '{}', '\\x7b7d'
          from generate_series(1, 3) g
        """, tenant.id(), endpoint);
    sql("update tenants set retention_seconds = 86400 where id = $1", tenant.id());

    HousekeepingStore.Purged purged = housekeep();

    assertThat(purged.events()).isEqualTo(3);
    assertThat(count("select count(*) from events where tenant_id = $1", tenant.id())).isEqualTo(pinned);
    assertThat(api.as(tenant.adminToken()).get("/v1/queues/q").jsonPath().getInt("stats.ready")).isEqualTo(pinned);
  }

  @Test
  void onlyTheExpiredKeysAndTheAttemptsOfGoneMessagesPastRetentionGo() throws Exception {
    Api.TenantAccess tenant = api.createTenant("exact-rows");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    relay.inbound().post(endpoint, "{\"waiting\":1}", Map.of());
    sql("update tenants set retention_seconds = 3600 where id = $1", tenant.id());
    // Rows that share their tenant, endpoint or message with the ones that go: each stays.
    sql("""
        insert into dedupe_keys (tenant_id, endpoint_id, key, event_id, expires_at)
        values ($1, $2, 'old', 'evt_old', now() - interval '1 second'),
               ($1, $2, 'young', 'evt_young', now() + interval '1 hour')
        """, tenant.id(), endpoint);
    sql("""
        insert into delivery_attempts (tenant_id, message_id, lease_token, queue_id, event_id, event_received_at,
                                       enqueued_at, attempt, via, lease_seconds, outcome)
        select $1, ids.message_id, gen_random_uuid(), q.id, 'evt_' || ids.name, now() - ids.age, now(), 1, 'next', 30,
               'acked'
          from queues q cross join (values
            ('gone_old', -1, interval '2 hours'), ('gone_young', -2, interval '1 minute'),
            ('waiting_old', (select id from messages where tenant_id = $1), interval '2 hours'))
            as ids(name, message_id, age)
         where q.tenant_id = $1
        """, tenant.id());

    housekeep();

    assertThat(strings("select key from dedupe_keys where tenant_id = $1 and key in ('old', 'young')", tenant.id()))
        .containsExactly("young");
    assertThat(strings("select event_id from delivery_attempts where tenant_id = $1", tenant.id()))
        .containsExactlyInAnyOrder("evt_gone_young", "evt_waiting_old");
  }

  /** A tenant whose queue {@code q} (dead messages kept an hour) holds {@code count} rejected messages {"n":1}… */
  private static Api.TenantAccess tenantWithDeadMessages(String name, int count) {
    Api.TenantAccess tenant = api.createTenant(name);
    api.createQueue(tenant.adminToken(), "q");
    api.as(tenant.adminToken()).body(Map.of("retentionSeconds", 3600)).patch("/v1/queues/q").then().statusCode(200);
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    Inbound inbound = relay.inbound();
    for (int n = 1; n <= count; n++) {
      inbound.post(endpoint, "{\"n\":" + n + "}", Map.of());
    }
    for (int i = 0; i < count; i++) {
      String rejectUrl = new JsonObject(api.as(tenant.adminToken()).get("/v1/queues/q/next").header("Inlet-Meta"))
          .getString("rejectUrl");
      api.as(tenant.adminToken()).body(Map.of("reason", "test"))
          .post(rejectUrl.substring(relay.publicUrl().length())).then().statusCode(204);
    }
    return tenant;
  }

  /** Until some statement waits for a row lock (housekeeping's delete behind the open redrive). */
  private static void awaitLockWait() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count("""
        select count(*) from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'
           and wait_event in ('transactionid', 'tuple', 'advisory')
        """) == 0) {
      assertThat(System.nanoTime()).as("housekeeping waits for the redriven row").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static HousekeepingStore.Purged housekeep() throws Exception {
    return relay.relay().housekeepNow().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String eventId(String body) {
    return new JsonObject(body).getString("eventId");
  }

  private static void sql(String statement, Object... params) throws Exception {
    relay.relay().pool().preparedQuery(statement).execute(Tuple.from(params))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<String> strings(String statement, Object... params) throws Exception {
    List<String> values = new ArrayList<>();
    relay.relay().pool().preparedQuery(statement).execute(Tuple.from(params))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .forEach(row -> values.add(row.getString(0)));
    return values;
  }

  private static long count(String statement, Object... params) throws Exception {
    return relay.relay().pool().preparedQuery(statement).execute(Tuple.from(params))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }
}
