package dev.inlet.relay.queue;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InspectApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void messagesAreListedPageByPageAndByState() {
    api.createQueue(acme.adminToken(), "listed");
    String endpoint = api.createEndpoint(acme.adminToken(), "listed", "listed");
    for (int i = 0; i < 5; i++) {
      inbound.post(endpoint, "{\"i\":" + i + "}", Map.of());
    }
    JsonObject leased = meta(api.as(acme.adminToken()).get("/v1/queues/listed/next"));
    api.as(acme.adminToken()).body(Map.of("reason", "bad")).post(path(leased.getString("rejectUrl"))).then().statusCode(204);

    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      var request = api.as(acme.adminToken()).queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      Response page = request.get("/v1/queues/listed/messages");
      assertThat(page.statusCode()).isEqualTo(200);
      ids.addAll(page.path("items.id"));
      cursor = page.path("nextCursor");
    } while (cursor != null);
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();

    Response dead = api.as(acme.adminToken()).queryParam("state", "dead").get("/v1/queues/listed/messages");
    assertThat(dead.<List<String>>path("items.id")).containsExactly(leased.getString("messageId"));
    assertThat(dead.<List<String>>path("items.lastError")).containsExactly("bad");
    assertProblem(api.as(acme.adminToken()).queryParam("state", "gone").get("/v1/queues/listed/messages"), 400,
        "validation");
  }

  @Test
  void purgeDeletesTheChosenMessagesOnly() {
    api.createQueue(acme.adminToken(), "purged");
    String endpoint = api.createEndpoint(acme.adminToken(), "purged", "purged");
    inbound.post(endpoint, "{\"keep\":1}", Map.of());
    inbound.post(endpoint, "{\"drop\":1}", Map.of());
    api.as(acme.adminToken()).queryParam("lease", 60).get("/v1/queues/purged/next");
    JsonObject second = meta(api.as(acme.adminToken()).get("/v1/queues/purged/next"));
    api.as(acme.adminToken()).post(path(second.getString("rejectUrl"))).then().statusCode(204);

    Response purged = api.as(acme.adminToken()).queryParam("state", "dead").delete("/v1/queues/purged/messages");
    assertThat(purged.<Integer>path("purged")).isEqualTo(1);
    JsonObject stats = new JsonObject(api.as(acme.adminToken()).get("/v1/queues/purged").asString()).getJsonObject("stats");
    assertThat(stats.getInteger("dead")).isZero();
    assertThat(stats.getInteger("leased")).isEqualTo(1);
    assertThat(api.as(acme.adminToken()).delete("/v1/queues/purged/messages").<Integer>path("purged")).isEqualTo(1);
  }

  @Test
  void replayEnqueuesStoredEventsOfTheWindowAgain() {
    api.createQueue(acme.adminToken(), "replayed");
    String endpoint = api.createEndpoint(acme.adminToken(), "replayed", "replayed");
    Instant from = Instant.now().minusSeconds(5);
    for (int i = 0; i < 3; i++) {
      inbound.post(endpoint, "{\"r\":" + i + "}", Map.of());
    }
    for (int i = 0; i < 3; i++) {
      JsonObject lease = meta(api.as(acme.adminToken()).get("/v1/queues/replayed/next"));
      api.as(acme.adminToken()).post(path(lease.getString("ackUrl"))).then().statusCode(204);
    }
    Instant to = Instant.now().plusSeconds(5);
    Response replayed = api.as(acme.adminToken())
        .body(Map.of("from", from.toString(), "to", to.toString())).post("/v1/queues/replayed/replay");
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.<Integer>path("replayed")).isEqualTo(3);
    assertThat(api.as(acme.adminToken()).get("/v1/queues/replayed/next").asString()).isEqualTo("{\"r\":0}");

    Response none = api.as(acme.adminToken()).body(Map.of("from", from.toString(), "to", to.toString(),
        "endpointId", "ep_0000000000000000000000")).post("/v1/queues/replayed/replay");
    assertThat(none.<Integer>path("replayed")).isZero();
    assertThat(assertProblem(api.as(acme.adminToken()).body(Map.of("from", to.toString(), "to", from.toString()))
        .post("/v1/queues/replayed/replay"), 400, "validation")).containsExactly("/to");
  }

  @Test
  void onlyAdminsInspect() {
    api.createQueue(acme.adminToken(), "guarded");
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:guarded"));
    assertProblem(api.as(consumer).get("/v1/queues/guarded/messages"), 403, "forbidden");
    assertProblem(api.as(consumer).delete("/v1/queues/guarded/messages"), 403, "forbidden");
    Api.TenantAccess other = relay.newTenant("inspect-other");
    assertProblem(api.as(other.adminToken()).get("/v1/queues/guarded/messages"), 404, "not-found");
  }

  private static JsonObject meta(Response response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.header("Inlet-Meta"));
  }

  private static String path(String url) {
    return relay.path(url);
  }
}
