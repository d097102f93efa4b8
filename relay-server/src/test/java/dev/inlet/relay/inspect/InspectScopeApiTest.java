package dev.inlet.relay.inspect;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read-only {@code inspect} scope: every tenant GET but the token list, and no write. */
class InspectScopeApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");
  static final Api.TenantAccess other = relay.newTenant("other");

  @Test
  void anInspectTokenReadsButDoesNotWrite() {
    String queue = RelayExtension.uniqueName("q");
    api.createQueue(acme.adminToken(), queue);
    String endpoint = api.createEndpoint(acme.adminToken(), RelayExtension.uniqueName("ep"), queue);
    String eventId = new io.vertx.core.json.JsonObject(relay.inbound().post(endpoint, "{\"n\":1}",
        Map.of("Content-Type", "application/json")).body()).getString("eventId");
    String inspect = api.mintToken(acme.adminToken(), List.of("inspect"));
    String messageId = api.as(acme.adminToken()).get("/v1/queues/" + queue + "/messages").path("items[0].id");
    String replayId = api.as(acme.adminToken()).body(Map.of("from", "2020-01-01T00:00:00Z",
        "to", "2020-01-02T00:00:00Z")).post("/v1/queues/" + queue + "/replays").then().statusCode(202)
        .extract().path("id");

    for (String path : List.of("/v1/messages/" + messageId, "/v1/messages/" + messageId + "/attempts",
        "/v1/queues/" + queue + "/replays", "/v1/replays/" + replayId,"/v1/queues", "/v1/queues/" + queue, "/v1/queues/" + queue + "/messages",
        "/v1/endpoints", "/v1/endpoints/" + endpoint, "/v1/endpoints/" + endpoint + "/requests",
        "/v1/endpoints/" + endpoint + "/requests/stats", "/v1/events", "/v1/events/" + eventId,
        "/v1/events/" + eventId + "/body")) {
      assertThat(api.as(inspect).get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertProblem(api.as(inspect).get("/v1/tokens"), 403, "forbidden");
    assertProblem(api.as(inspect).get("/v1/queues/" + queue + "/next"), 403, "forbidden");
    assertProblem(api.as(inspect).body(Map.of("name", "made-by-inspect")).post("/v1/queues"), 403, "forbidden");
    assertProblem(api.as(inspect).body(Map.of("scopes", List.of("admin"))).post("/v1/tokens"), 403, "forbidden");
    assertProblem(api.as(inspect).delete("/v1/queues/" + queue), 403, "forbidden");
    assertProblem(api.as(inspect).post("/v1/queues/" + queue + "/redrive"), 403, "forbidden");
    assertProblem(api.as(inspect).post("/v1/queues/" + queue + "/pause"), 403, "forbidden");
    assertProblem(api.as(inspect).post("/v1/replays/" + replayId + "/cancel"), 403, "forbidden");
    assertProblem(api.as(inspect).body(Map.of("from", "2020-01-01T00:00:00Z", "to", "2020-01-02T00:00:00Z"))
        .post("/v1/queues/" + queue + "/replays"), 403, "forbidden");
    assertProblem(api.as(inspect).body(Map.of()).post("/v1/events/" + eventId + "/resend"), 403, "forbidden");
    assertProblem(api.as(inspect).post("/v1/messages/" + messageId + "/ack?lease=" + java.util.UUID.randomUUID()),
        403, "forbidden");
    assertThat(api.as(acme.adminToken()).get("/v1/queues/made-by-inspect").statusCode()).isEqualTo(404);
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + queue).statusCode()).isEqualTo(200);
    assertThat(api.as(acme.adminToken()).get("/v1/queues/" + queue).<Integer>path("stats.ready")).isEqualTo(1);
  }

  @Test
  void anInspectTokenSeesOnlyItsTenant() {
    String theirs = api.createEndpoint(other.adminToken(), RelayExtension.uniqueName("ep"));
    String inspect = api.mintToken(acme.adminToken(), List.of("inspect"));
    assertProblem(api.as(inspect).get("/v1/endpoints/" + theirs), 404, "not-found");
    assertProblem(api.as(inspect).get("/v1/endpoints/" + theirs + "/requests"), 404, "not-found");
  }

  @Test
  void theScopeIsMintedAndListedAsGiven() {
    var minted = api.as(acme.adminToken()).body(Map.of("scopes", List.of("inspect", "consume:orders")))
        .post("/v1/tokens");
    assertThat(minted.statusCode()).isEqualTo(201);
    assertThat(minted.<List<String>>path("scopes")).containsExactly("inspect", "consume:orders");
    assertProblem(api.as(acme.adminToken()).body(Map.of("scopes", List.of("inspect:all"))).post("/v1/tokens"),
        400, "validation");
  }
}
