package dev.inlet.relay.auth;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.id.TokenId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Mints, checks and revokes bearer tokens. Tenant tokens are HS256 JWTs ({@code sub} = tenant,
 * {@code jti} = token id, {@code scopes}); each request also checks the token's row, so a revoked
 * token stops working at once on every node. The operator token is compared in constant time.
 */
public final class TokenService {
  public static final long DEFAULT_TTL_SECONDS = 86_400;
  public static final long MAX_TTL_SECONDS = 10L * 365 * 86_400;
  public static final long TENANT_ADMIN_TTL_SECONDS = 365L * 86_400;
  static final String ISSUER = "inlet";

  private final JWTAuth jwt;
  private final Pool pool;
  private final TokenStore tokens;
  private final byte[] operatorToken;
  private Consumer<TokenId> revoked = id -> { };

  public TokenService(Vertx vertx, String signingSecret, String operatorToken, Pool pool, TokenStore tokens) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(signingSecret))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAlgorithm("HS256")));
    this.pool = pool;
    this.tokens = tokens;
    this.operatorToken = operatorToken.getBytes(StandardCharsets.UTF_8);
  }

  /** Mints a token for {@code tenant}; {@code sql} may be a transaction that also created the tenant. */
  public Future<MintedToken> mint(SqlClient sql, TenantId tenant, List<String> scopes, long ttlSeconds) {
    TokenId id = TokenId.random();
    Instant now = Instant.now();
    Instant expires = now.plusSeconds(ttlSeconds);
    JsonObject claims = new JsonObject()
        .put("sub", tenant.value())
        .put("jti", id.value())
        .put("scopes", new JsonArray(List.copyOf(scopes)))
        .put("iat", now.getEpochSecond())
        .put("exp", expires.getEpochSecond());
    String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER)
        .setNoTimestamp(true));
    OffsetDateTime expiresAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(expires.getEpochSecond()), ZoneOffset.UTC);
    return tokens.insert(sql, tenant, id, scopes, expiresAt)
        .map(row -> new MintedToken(id, token, row.scopes(), row.expiresAt()));
  }

  /** Told of every token revoked on this node, at once (its open streams end). */
  public void onRevoked(Consumer<TokenId> listener) {
    this.revoked = listener;
  }

  /** Mints a token for {@code tenant} on its own. */
  public Future<MintedToken> mint(TenantId tenant, List<String> scopes, long ttlSeconds) {
    return mint(pool, tenant, scopes, ttlSeconds);
  }

  /** Who presented {@code bearer}; fails with a 401 problem for anything not valid right now. */
  public Future<Principal> authenticate(String bearer) {
    if (bearer == null || bearer.isEmpty()) {
      return Future.failedFuture(InletProblem.unauthorized("a bearer token is required"));
    }
    if (MessageDigest.isEqual(operatorToken, bearer.getBytes(StandardCharsets.UTF_8))) {
      return Future.succeededFuture(new Principal.Operator());
    }
    return jwt.authenticate(new TokenCredentials(bearer))
        .recover(error -> Future.failedFuture(InletProblem.unauthorized("the bearer token is not valid")))
        .compose(user -> toTenantPrincipal(user.attributes().getJsonObject("accessToken")))
        // The token's row is the authority: its scopes as minted, not the claims, which only a
        // holder of the signing key could change (a leaked key must not mint itself admin rights).
        .compose(principal -> tokens.activeScopes(pool, principal.tenantId(), principal.tokenId())
            .compose(live -> {
              if (live.isEmpty()) {
                return Future.failedFuture(InletProblem.unauthorized("the bearer token has been revoked or has expired"));
              }
              if (live.get().tenantSuspended()) {
                return Future.failedFuture(InletProblem.forbidden("this tenant is suspended"));
              }
              return Future.succeededFuture(new Principal.TenantPrincipal(principal.tenantId(), principal.tokenId(),
                  Set.copyOf(live.get().scopes()), principal.expiresAt()));
            }));
  }

  /** A page of the tenant's tokens, by id. */
  public Future<List<TokenRecord>> list(TenantId tenant, String afterId, int limit) {
    return tokens.listAfter(pool, tenant, afterId, limit).map(rows -> rows.stream().map(TokenRecord::from).toList());
  }

  /**
   * Whether a token that was valid is still: not revoked, not expired, its tenant active. Long-lived
   * connections (SSE streams) ask this again and again.
   */
  public Future<Boolean> stillValid(Principal.TenantPrincipal principal) {
    if (!Instant.now().isBefore(principal.expiresAt())) {
      return Future.succeededFuture(false);
    }
    return tokens.isActive(pool, principal.tenantId(), principal.tokenId());
  }

  public Future<Void> revoke(TenantId tenant, TokenId id) {
    return tokens.revoke(pool, tenant, id).onSuccess(found -> {
      if (found) {
        revoked.accept(id);
      }
    }).compose(found -> found
        ? Future.succeededFuture()
        : Future.failedFuture(InletProblem.notFound("no token " + id.value())));
  }

  private static Future<Principal.TenantPrincipal> toTenantPrincipal(JsonObject claims) {
    if (claims == null) {
      return Future.failedFuture(InletProblem.unauthorized("the bearer token is not valid"));
    }
    var tenant = TenantId.parse(claims.getString("sub"));
    var id = TokenId.parse(claims.getString("jti"));
    JsonArray scopes = claims.getJsonArray("scopes");
    if (tenant.isEmpty() || id.isEmpty() || scopes == null) {
      return Future.failedFuture(InletProblem.unauthorized("the bearer token is not valid"));
    }
    Set<String> scopeSet = new HashSet<>();
    scopes.forEach(scope -> scopeSet.add(String.valueOf(scope)));
    Long exp = claims.getLong("exp");
    return Future.succeededFuture(new Principal.TenantPrincipal(tenant.get(), id.get(), Set.copyOf(scopeSet),
        exp == null ? Instant.MAX : Instant.ofEpochSecond(exp)));
  }
}
