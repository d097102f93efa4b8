package dev.inlet.relay.auth;

import static dev.inlet.relay.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Jwts;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestRelay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request gets the scopes its token was minted with (the token's row), not what its claims say:
 * whoever holds the signing key can re-sign claims, but cannot widen a minted token's rights.
 */
class TokenScopesApiTest {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void claimsReSignedWithWiderScopesGetOnlyTheMintedOnes() {
    api.createQueue(acme.adminToken(), "orders");
    String consumer = api.mintToken(acme.adminToken(), List.of("consume:orders"));
    assertThat(api.as(consumer).get("/v1/queues/orders/next").statusCode()).isEqualTo(204);

    String widened = Jwts.hs256(TestRelay.JWT_SECRET,
        Jwts.payload(consumer).replace("\"consume:orders\"", "\"admin\""));
    assertThat(Jwts.payload(widened)).contains("\"admin\"");
    assertProblem(api.as(widened).get("/v1/queues"), 403, "forbidden");
    assertThat(api.as(widened).get("/v1/queues/orders/next").statusCode()).as("its minted scope still works")
        .isEqualTo(204);
  }
}
