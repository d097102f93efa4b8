package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.RelayExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Asana discloses its secret in the first handshake: the relay keeps it, once, and verifies with it. */
class LearnedSecretApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static Api.TenantAccess acme;

  @BeforeAll
  static void start() {
    acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "tasks");
  }


  @Test
  void theFirstHandshakesSecretIsKeptAndAStrangerCannotReplaceIt() {
    String endpoint = api.as(acme.adminToken()).body(Map.of("name", "asana",
            "verification", Map.of("scheme", "asana"), "routes", List.of(Map.of("queue", "tasks"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    String body = "{\"events\":[{\"action\":\"changed\",\"resource\":{\"resource_type\":\"task\",\"gid\":\"1\"}}]}";
    assertThat(inbound.post(endpoint, body, Map.of("X-Hook-Signature", Signatures.hexSha256("b537207f20cbfa02357cf448134da559", body)))
        .statusCode()).as("no secret yet: every event is refused").isEqualTo(401);

    HttpResponse<String> handshake = inbound.post(endpoint, "", Map.of("X-Hook-Secret", "b537207f20cbfa02357cf448134da559"));
    assertThat(handshake.statusCode()).isEqualTo(200);
    assertThat(handshake.headers().firstValue("X-Hook-Secret")).contains("b537207f20cbfa02357cf448134da559");
    assertThat(api.as(acme.adminToken()).get("/v1/endpoints/" + endpoint).<Integer>path("verification.secretCount"))
        .isEqualTo(1);
    assertThat(api.as(acme.adminToken()).get("/v1/endpoints/" + endpoint).asString())
        .doesNotContain("b537207f20cbfa02357cf448134da559");

    HttpResponse<String> stranger = inbound.post(endpoint, "", Map.of("X-Hook-Secret", "0000000000000000stranger"));
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.headers().firstValue("X-Hook-Secret")).isEmpty();

    assertThat(inbound.post(endpoint, body, Map.of("X-Hook-Signature", Signatures.hexSha256("b537207f20cbfa02357cf448134da559", body)))
        .statusCode()).isEqualTo(202);
    assertThat(inbound.post(endpoint, body.replace("changed", "deleted"),
        Map.of("X-Hook-Signature", Signatures.hexSha256("0000000000000000stranger", body.replace("changed", "deleted"))))
        .statusCode()).isEqualTo(401);
  }
}
