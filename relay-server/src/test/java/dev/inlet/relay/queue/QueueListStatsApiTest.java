package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/queues?stats=true}: a page of queues with their depth and rates, as one read. */
class QueueListStatsApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();

  @Test
  void eachQueueOfThePageComesWithWhatItsOwnGetSays() {
    Api.TenantAccess acme = relay.newTenant("liststats");
    TestQueue busy = relay.newQueue(acme, Map.of("leaseSeconds", 30, "maxAttempts", 1));
    TestQueue idle = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    for (int i = 0; i < 3; i++) {
      busy.ingestJson("{\"n\":" + i + "}");
    }
    Response next = api.as(acme.adminToken()).get("/v1/queues/" + busy.name + "/next");
    api.as(acme.adminToken()).body(Map.of("reason", "bad")).post(relay.path(new JsonObject(next.header("Inlet-Meta")).getString("rejectUrl")))
        .then().statusCode(204);
    api.as(acme.adminToken()).post("/v1/queues/" + idle.name + "/pause").then().statusCode(200);

    Response page = api.as(acme.adminToken()).queryParam("stats", true).get("/v1/queues");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.<List<String>>path("items.name")).containsExactlyInAnyOrder(busy.name, idle.name);
    for (String name : List.of(busy.name, idle.name)) {
      Response one = api.as(acme.adminToken()).get("/v1/queues/" + name);
      String item = "items.find { it.name == '" + name + "' }";
      Map<String, Object> listed = new java.util.HashMap<>(page.<Map<String, Object>>path(item + ".stats"));
      Map<String, Object> alone = new java.util.HashMap<>(one.<Map<String, Object>>path("stats"));
      // The age goes on between the two reads; everything else must agree.
      Object listedAge = listed.remove("oldestReadyAgeSeconds");
      Object aloneAge = alone.remove("oldestReadyAgeSeconds");
      assertThat(listed).as(name).isEqualTo(alone);
      if (aloneAge == null) {
        assertThat(listedAge).as(name).isNull();
      } else {
        assertThat(((Number) listedAge).doubleValue()).as(name)
            .isBetween(0.0, ((Number) aloneAge).doubleValue());
      }
      assertThat(page.<Integer>path(item + ".rates.windowMinutes")).isEqualTo(60);
      assertThat(page.<List<Object>>path(item + ".rates.perMinute")).hasSize(60);
    }
    String busyItem = "items.find { it.name == '" + busy.name + "' }";
    assertThat(page.<Integer>path(busyItem + ".stats.ready")).isEqualTo(2);
    assertThat(page.<Integer>path(busyItem + ".stats.dead")).isEqualTo(1);
    assertThat(page.<Integer>path(busyItem + ".rates.perMinute[-1].in")).isGreaterThanOrEqualTo(3);
    String idleItem = "items.find { it.name == '" + idle.name + "' }";
    assertThat(page.<Integer>path(idleItem + ".stats.ready")).isZero();
    assertThat(page.<Boolean>path(idleItem + ".paused")).isTrue();
    assertThat(page.<Object>path(idleItem + ".stats.oldestReadyAgeSeconds")).isNull();
  }

  @Test
  void withoutStatsTheListStaysPlainAndPagesTheSameWay() {
    Api.TenantAccess acme = relay.newTenant("listplain");
    relay.newQueue(acme, Map.of("leaseSeconds", 30));
    relay.newQueue(acme, Map.of("leaseSeconds", 30));
    Response plain = api.as(acme.adminToken()).get("/v1/queues");
    assertThat(plain.<Object>path("items[0].stats")).isNull();
    Response first = api.as(acme.adminToken()).queryParam("stats", true).queryParam("limit", 1).get("/v1/queues");
    assertThat(first.<List<Object>>path("items")).hasSize(1);
    Response second = api.as(acme.adminToken()).queryParam("stats", true).queryParam("limit", 1)
        .queryParam("cursor", first.<String>path("nextCursor")).get("/v1/queues");
    assertThat(second.<List<String>>path("items.name")).hasSize(1).doesNotContain(first.<String>path("items[0].name"));
    assertThat(second.<Map<String, Object>>path("items[0].stats")).containsKey("ready");
  }

  @Test
  void aStatsValueThatIsNoBooleanIsAProblemAndAnotherTenantSeesNothing() {
    Api.TenantAccess acme = relay.newTenant("listbad");
    assertProblem(api.as(acme.adminToken()).queryParam("stats", "maybe").get("/v1/queues"), 400, "validation");
    Api.TenantAccess other = relay.newTenant("listother");
    relay.newQueue(acme, Map.of("leaseSeconds", 30));
    assertThat(api.as(other.adminToken()).queryParam("stats", true).get("/v1/queues").<List<Object>>path("items")).isEmpty();
  }
}
