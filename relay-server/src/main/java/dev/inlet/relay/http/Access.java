package dev.inlet.relay.http;

import dev.inlet.relay.auth.Principal;
import dev.inlet.relay.auth.Principal.TenantPrincipal;
import dev.inlet.relay.auth.Scopes;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.queue.QueueAccess;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** What the resolved principal may do: every handler asks here before it touches data. */
final class Access {
  private Access() {}

  /**
   * The tenant of an admin-scoped tenant token or, for a GET, of an {@code inspect}-scoped one: what
   * admin may read, inspect may read too (the consumer routes ask {@link #consumer} instead, so
   * inspect never leases). A write with inspect is a 403.
   */
  static TenantId tenantAdmin(RoutingContext ctx) {
    TenantPrincipal tenant = tenant(ctx);
    if (tenant.isAdmin()) {
      return tenant.tenantId();
    }
    if (tenant.mayInspect()) {
      if (ctx.request().method() == HttpMethod.GET) {
        return tenant.tenantId();
      }
      throw InletProblem.forbidden("the inspect scope is read-only; this needs the admin scope");
    }
    throw InletProblem.forbidden("this token lacks the admin scope");
  }

  /** The tenant of an admin-scoped token only, even for a GET (the token list). */
  static TenantId tenantAdminOnly(RoutingContext ctx) {
    TenantPrincipal tenant = tenant(ctx);
    if (tenant.isAdmin()) {
      return tenant.tenantId();
    }
    throw InletProblem.forbidden("this token lacks the admin scope");
  }

  private static TenantPrincipal tenant(RoutingContext ctx) {
    Principal principal = ctx.get(Authenticate.PRINCIPAL);
    if (principal instanceof TenantPrincipal tenant) {
      return tenant;
    }
    throw InletProblem.forbidden("the operator token manages tenants only; use a tenant token");
  }

  /** A tenant token's consumer rights: the queues of its {@code consume:} scopes, or all for admin. */
  record Consumer(TenantId tenant, QueueAccess queues, TenantPrincipal principal) {}

  static Consumer consumer(RoutingContext ctx) {
    Principal principal = ctx.get(Authenticate.PRINCIPAL);
    if (!(principal instanceof TenantPrincipal)) {
      throw InletProblem.forbidden("the operator token manages tenants only; use a tenant token");
    }
    TenantPrincipal tenant = (TenantPrincipal) principal;
    List<String> queues = tenant.scopes().stream()
        .filter(scope -> scope.startsWith(Scopes.CONSUME_PREFIX))
        .map(scope -> scope.substring(Scopes.CONSUME_PREFIX.length()))
        .toList();
    if (queues.isEmpty() && !tenant.isAdmin()) {
      // An inspect-only token: a settle verb says so rather than "no such message".
      throw InletProblem.forbidden("this token may consume no queue: it needs the admin or a consume: scope");
    }
    return new Consumer(tenant.tenantId(), new QueueAccess(queues, tenant.isAdmin()), tenant);
  }

  static void operator(RoutingContext ctx) {
    if (!(ctx.get(Authenticate.PRINCIPAL) instanceof Principal.Operator)) {
      throw InletProblem.forbidden("only the operator token may manage tenants");
    }
  }
}
