package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.Signatures;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once an endpoint's signature-failure budget is spent, its refusals are held before they are
 * answered (their bodies unread), so a forger's connection sends one request per hold instead of
 * one per round trip; a signed request to another endpoint is not held.
 */
class VerifyFailureTarpitApiTest {
  static final long HOLD_MILLIS = 400;
  @RegisterExtension
  static final RelayExtension relay = RelayExtension.withSettings(Map.of("INLET_VERIFY_FAILURES_PER_SECOND", "2",
      "INLET_VERIFY_FAILURE_DELAY_MS", Long.toString(HOLD_MILLIS)));
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();

  @Test
  void refusalsForASpentBudgetWaitTheirHoldAndOthersDoNot() {
    Api.TenantAccess acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "tarpit");
    String forged = github(acme, "forged");
    String fine = github(acme, "fine");
    String body = "{\"pad\":\"" + "x".repeat(200_000) + "\"}";

    int refusedHeld = 0;
    for (int i = 0; i < 8 && refusedHeld < 2; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = inbound.post(forged, body, Map.of("X-Hub-Signature-256",
          Signatures.github("not-the-secret", body), "X-GitHub-Delivery", UUID.randomUUID().toString()));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      if (response.statusCode() == 429) {
        assertThat(response.body()).contains("bad signatures");
        assertThat(tookMillis).as("held before the answer").isGreaterThanOrEqualTo(HOLD_MILLIS);
        assertThat(response.headers().firstValue("Connection")).as("the large body is not read").contains("close");
        refusedHeld++;
      } else {
        assertThat(response.statusCode()).isEqualTo(401);
      }
    }
    assertThat(refusedHeld).as("the budget of 2/s ran out").isEqualTo(2);

    String signed = "{\"ok\":true}";
    assertThat(inbound.post(fine, signed, Map.of("X-Hub-Signature-256", Signatures.github("gh-secret", signed),
        "X-GitHub-Delivery", UUID.randomUUID().toString())).statusCode()).isEqualTo(202);
  }

  private static String github(Api.TenantAccess tenant, String name) {
    return api.as(tenant.adminToken()).body(Map.of("name", name, "verification",
            Map.of("scheme", "github", "secrets", List.of("gh-secret")), "routes", List.of(Map.of("queue", "tarpit"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
  }
}
