package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.RelayExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One tenant's forged or large posts cost the relay as little as possible. */
class FairnessApiTest {
  @RegisterExtension
  static final RelayExtension relay = RelayExtension.withSettings(Map.of("INLET_VERIFY_FAILURES_PER_SECOND", "5",
      // Refusals answered at once here; VerifyFailureTarpitApiTest holds them.
      "INLET_VERIFY_FAILURE_DELAY_MS", "0"));
  static final Api api = relay.api();
  static Api.TenantAccess acme;
  static final Inbound inbound = relay.inbound();

  @BeforeAll
  static void start() {
    acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "fair");
  }


  @Test
  void aRunOfBadSignaturesIsRefusedUnreadOnceItsBudgetIsSpentThenTheEndpointRecovers() {
    String endpoint = github("forged");
    String body = "{\"pad\":\"" + "x".repeat(1000) + "\"}";
    int unauthorized = 0;
    int limited = 0;
    for (int i = 0; i < 15; i++) {
      HttpResponse<String> response = inbound.post(endpoint, body, Map.of("X-Hub-Signature-256",
          Signatures.github("not-the-secret", body), "X-GitHub-Delivery", UUID.randomUUID().toString()));
      if (response.statusCode() == 401) {
        unauthorized++;
      } else if (response.statusCode() == 429) {
        limited++;
        assertThat(response.body()).contains("bad signatures");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
      }
    }
    assertThat(unauthorized).as("verified until the budget is spent").isBetween(5, 8);
    assertThat(limited).isGreaterThanOrEqualTo(7);
    Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> signed(endpoint, "{\"ok\":1}") == 202);
  }

  @Test
  void largeBodiesAreVerifiedAndStoredOffTheEventLoop() {
    String endpoint = github("large");
    String body = "{\"pad\":\"" + "y".repeat(300_000) + "\"}";
    assertThat(signed(endpoint, body)).isEqualTo(202);
    HttpResponse<String> tampered = inbound.post(endpoint, body.replace("yyy", "yyz"), Map.of("X-Hub-Signature-256",
        Signatures.github("gh-secret", body), "X-GitHub-Delivery", UUID.randomUUID().toString()));
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.body()).contains("signature mismatch");
  }

  private static int signed(String endpoint, String body) {
    return inbound.post(endpoint, body, Map.of("X-Hub-Signature-256", Signatures.github("gh-secret", body),
        "X-GitHub-Delivery", UUID.randomUUID().toString())).statusCode();
  }

  private static String github(String name) {
    return api.as(acme.adminToken()).body(Map.of("name", name, "verification",
            Map.of("scheme", "github", "secrets", List.of("gh-secret")), "routes", List.of(Map.of("queue", "fair"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }
}
