package dev.inlet.relay.auth;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.id.TokenId;
import java.time.Instant;
import java.util.Set;

/** Who is calling: the relay's operator, or a tenant token with its scopes. */
public sealed interface Principal {

  /** The operator token: creates tenants, sees no tenant's data. */
  record Operator() implements Principal {}

  /** A tenant's JWT, still valid and not revoked when the request arrived. */
  record TenantPrincipal(TenantId tenantId, TokenId tokenId, Set<String> scopes, Instant expiresAt)
      implements Principal {
    public boolean isAdmin() {
      return scopes.contains(Scopes.ADMIN);
    }

    /** Read-only: every tenant GET but the token list, never a write (nor a lease). */
    public boolean mayInspect() {
      return isAdmin() || scopes.contains(Scopes.INSPECT);
    }

    public boolean mayConsume(String queue) {
      return isAdmin() || scopes.contains(Scopes.consume(queue));
    }
  }
}
