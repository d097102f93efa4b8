package dev.inlet.relay.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.store.HousekeepingStore;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.TestRelay;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HousekeepingTest {
  static TestRelay relay;
  static Api api;

  @BeforeAll
  static void start() {
    relay = TestRelay.start();
    api = new Api(relay);
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  @Test
  void expiredKeysAndDeliveredEventsPastRetentionGoButUndeliveredOnesStay() throws Exception {
    Api.TenantAccess tenant = api.createTenant("retention");
    api.createQueue(tenant.adminToken(), "q");
    String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
    Inbound inbound = new Inbound(relay.baseUrl());
    String delivered = eventId(inbound.post(endpoint, "{\"done\":1}", Map.of()).body());
    String pending = eventId(inbound.post(endpoint, "{\"waiting\":1}", Map.of()).body());
    String ackUrl = new JsonObject(api.as(tenant.adminToken()).get("/v1/queues/q/next").header("Inlet-Meta"))
        .getString("ackUrl");
    api.as(tenant.adminToken()).post(ackUrl.substring(relay.relay().publicUrl().length())).then().statusCode(204);

    sql("update tenants set retention_seconds = 1 where id = $1", tenant.id());
    sql("update dedupe_keys set expires_at = now() - interval '1 second' where tenant_id = $1", tenant.id());
    Thread.sleep(1_200);

    HousekeepingStore.Purged purged = relay.relay().housekeepNow().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertThat(purged.dedupeKeys()).isGreaterThanOrEqualTo(2);
    assertThat(purged.events()).isGreaterThanOrEqualTo(1);
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + delivered).statusCode()).isEqualTo(404);
    assertThat(api.as(tenant.adminToken()).get("/v1/events/" + pending).statusCode()).isEqualTo(200);
    assertThat(api.as(tenant.adminToken()).get("/v1/queues/q/next").asString()).isEqualTo("{\"waiting\":1}");
    assertThat(inbound.post(endpoint, "{\"done\":1}", Map.of()).statusCode()).as("dedupe key expired").isEqualTo(202);
  }

  private static String eventId(String body) {
    return new JsonObject(body).getString("eventId");
  }

  private static void sql(String statement, String tenantId) throws Exception {
    relay.relay().pool().preparedQuery(statement).execute(Tuple.of(tenantId))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
