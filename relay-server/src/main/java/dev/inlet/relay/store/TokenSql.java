package dev.inlet.relay.store;

/** Statements on {@code tokens}. */
final class TokenSql {
  private TokenSql() {}

  static final String INSERT = """
      insert into tokens (tenant_id, id, scopes, expires_at) values ($1, $2, $3, $4)
      returning id, scopes, expires_at, revoked_at, created_at
      """;

  /** Checked on every authenticated request, so revocation takes effect at once on every node. */
  static final String IS_ACTIVE = """
      select t.revoked_at is null and t.expires_at > now() and ten.status = 'active' as active,
             t.revoked_at is null and t.expires_at > now() and ten.status = 'suspended' as suspended, t.scopes
        from tokens t join tenants ten on ten.id = t.tenant_id
       where t.tenant_id = $1 and t.id = $2
      """;

  /** Idempotent: revoking twice keeps the first time. */
  static final String REVOKE = """
      update tokens set revoked_at = coalesce(revoked_at, now()) where tenant_id = $1 and id = $2
      """;

  static final String LIST_AFTER = """
      select id, scopes, expires_at, revoked_at, created_at from tokens
       where tenant_id = $1 and id > $2 order by id limit $3
      """;
}
