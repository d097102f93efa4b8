package dev.inlet.relay.store;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.id.TokenId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Minted tokens, kept so that they can be listed and revoked. */
public final class TokenStore {

  /** What the relay keeps of a minted token: never the JWT itself. */
  public record TokenRow(TokenId id, List<String> scopes, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
      OffsetDateTime createdAt) {}

  public Future<TokenRow> insert(SqlClient sql, TenantId tenant, TokenId id, List<String> scopes,
      OffsetDateTime expiresAt) {
    return sql.preparedQuery(TokenSql.INSERT)
        .execute(Tuple.of(tenant.value(), id.value(), scopes.toArray(new String[0]), expiresAt))
        .map(rows -> toRecord(rows.iterator().next()));
  }

  /** A token that is neither revoked nor expired: its scopes as minted, and whether its tenant is suspended. */
  public record LiveToken(List<String> scopes, boolean tenantSuspended) {}

  /**
   * The token, if it is live (not revoked, not expired) and its tenant active or suspended; a
   * deleted tenant's tokens are gone.
   */
  public Future<Optional<LiveToken>> activeScopes(SqlClient sql, TenantId tenant, TokenId id) {
    return sql.preparedQuery(TokenSql.IS_ACTIVE).execute(Tuple.of(tenant.value(), id.value())).map(rows -> {
      if (rows.size() != 1) {
        return Optional.<LiveToken>empty();
      }
      Row row = rows.iterator().next();
      boolean suspended = Boolean.TRUE.equals(row.getBoolean("suspended"));
      return Boolean.TRUE.equals(row.getBoolean("active")) || suspended
          ? Optional.of(new LiveToken(Arrays.asList(row.getArrayOfStrings("scopes")), suspended))
          : Optional.<LiveToken>empty();
    });
  }

  public Future<Boolean> isActive(SqlClient sql, TenantId tenant, TokenId id) {
    return sql.preparedQuery(TokenSql.IS_ACTIVE).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("active")));
  }

  /** Whether a token with this id exists in the tenant (and is now revoked). */
  public Future<Boolean> revoke(SqlClient sql, TenantId tenant, TokenId id) {
    return sql.preparedQuery(TokenSql.REVOKE).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<List<TokenRow>> listAfter(SqlClient sql, TenantId tenant, String afterId, int limit) {
    return sql.preparedQuery(TokenSql.LIST_AFTER).execute(Tuple.of(tenant.value(), afterId, limit)).map(rows -> {
      List<TokenRow> tokens = new ArrayList<>();
      rows.forEach(row -> tokens.add(toRecord(row)));
      return tokens;
    });
  }

  private static TokenRow toRecord(Row row) {
    return new TokenRow(new TokenId(row.getString("id")), Arrays.asList(row.getArrayOfStrings("scopes")),
        row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("revoked_at"), row.getOffsetDateTime("created_at"));
  }
}
