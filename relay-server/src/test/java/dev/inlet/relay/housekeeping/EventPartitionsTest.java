package dev.inlet.relay.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Day partitions of events (migration V12): housekeeping makes them ahead, and drops a day whole
 * once all its events are past every tenant's retention and no message points into it. Old days
 * are made and filled by SQL, so nothing waits for time to pass.
 */
class EventPartitionsTest {
  // Only the test runs housekeeping: a timed run in the middle of it would make its run a no-op.
  @RegisterExtension static final RelayExtension relay =
      RelayExtension.withSettings(Map.of("INLET_HOUSEKEEPING_INTERVAL_MS", "86400000"));
  static final Api api = relay.api();

  @Test
  void aDayPastEveryRetentionIsDroppedWholeAndNothingYoungIsLost() throws Exception {
    Api.TenantAccess tenant = api.createTenant("days");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    Inbound inbound = relay.inbound();
    // Young: one waits in the queue, one was delivered (no message left, still within retention).
    String delivered = eventId(inbound.post(endpoint, "{\"young\":1}", Map.of()).body());
    String ackUrl = new JsonObject(api.as(tenant.adminToken()).get("/v1/queues/q/next").header("Inlet-Meta"))
        .getString("ackUrl");
    api.as(tenant.adminToken()).post(ackUrl.substring(relay.publicUrl().length())).then().statusCode(204);
    String waiting = eventId(inbound.post(endpoint, "{\"young\":2}", Map.of()).body());

    // Thirty days ago, past every tenant's retention (a week, unless set): three events, no message.
    // Twenty-nine days ago: two events, one still waiting in the queue.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String old = day(today.minusDays(30));
    String held = day(today.minusDays(29));
    sql("select inlet_make_event_day(((now() at time zone 'UTC')::date - 30))");
    sql("select inlet_make_event_day(((now() at time zone 'UTC')::date - 29))");
    sql("""
        insert into events (tenant_id, id, endpoint_id, received_at, method, headers, body)
        select $1, 'evt_old' || g, $2, ((now() at time zone 'UTC')::date - 30)::timestamp at time zone 'UTC'
               + g * interval '1 hour', 'POST', '{}', '\\x7b7d'
          from generate_series(1, 3) g
        """, tenant.id(), endpoint);
    sql("""
        with e as (
          insert into events (tenant_id, id, endpoint_id, received_at, method, headers, body)
          select $1, 'evt_held' || g, $2, ((now() at time zone 'UTC')::date - 29)::timestamp at time zone 'UTC'
                 + g * interval '1 hour', 'POST', '{}', '\\x7b7d'
            from generate_series(1, 2) g
          returning tenant_id, id, received_at)
        insert into messages (tenant_id, queue_id, event_id, event_received_at)
        select e.tenant_id, q.id, e.id, e.received_at from e join queues q on q.tenant_id = e.tenant_id
         where e.id = 'evt_held1'
        """, tenant.id(), endpoint);
    assertThat(count("select count(*) from " + old)).isEqualTo(3);
    // The last day ahead is gone, as if housekeeping had not run for a day: it is made again.
    String ahead = day(today.plusDays(Housekeeping.DAYS_AHEAD));
    sql("drop table if exists " + ahead);

    relay.relay().housekeepNow().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(exists(old)).as("the day past every retention is dropped").isFalse();
    assertThat(exists(held)).as("a message still points into this day").isTrue();
    assertThat(exists(ahead)).as("days ahead are made").isTrue();
    assertThat(exists(day(today))).isTrue();
    // In the day kept, only the event the message needs is left: rows go one by one at the edges.
    assertThat(count("select count(*) from events where tenant_id = $1 and id like 'evt_held%'", tenant.id()))
        .isEqualTo(1);
    assertThat(count("select count(*) from events where tenant_id = $1 and id = 'evt_held1'", tenant.id()))
        .isEqualTo(1);
    // Nothing young is lost.
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + waiting).statusCode()).isEqualTo(200);
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + delivered).statusCode()).isEqualTo(200);
    assertThat(api.as(tenant.adminToken()).get("/v1/queues/q").jsonPath().getInt("stats.ready")).isEqualTo(2);
    assertThat(api.anonymous().get("/metrics").asString())
        .containsPattern("inlet_housekeeping_removed_total\\{what=\"event_days\"} [1-9]");
  }

  @Test
  void newEventsLandInTodaysPartition() throws Exception {
    Api.TenantAccess tenant = api.createTenant("today");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    String event = eventId(relay.inbound().post(endpoint, "{\"n\":1}", Map.of()).body());

    assertThat(count("select count(*) from " + day(LocalDate.now(ZoneOffset.UTC)) + " where tenant_id = $1 and id = $2",
        tenant.id(), event)).isEqualTo(1);
  }

  private static String day(LocalDate date) {
    return "events_" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  private static boolean exists(String table) throws Exception {
    return count("select count(*) from pg_class where relname = $1", table) == 1;
  }

  private static String eventId(String body) {
    return new JsonObject(body).getString("eventId");
  }

  private static void sql(String statement, Object... params) throws Exception {
    relay.relay().pool().preparedQuery(statement).execute(Tuple.from(params))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static long count(String statement, Object... params) throws Exception {
    return relay.relay().pool().preparedQuery(statement).execute(Tuple.from(params))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }
}
