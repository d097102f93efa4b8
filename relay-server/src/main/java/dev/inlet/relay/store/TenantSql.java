package dev.inlet.relay.store;

/** Statements on {@code tenants} and {@code settings}. */
final class TenantSql {
  private TenantSql() {}

  static final String INSERT = """
      insert into tenants (id, name, ingest_rate_per_sec, retention_seconds) values ($1, $2, $3, $4)
      returning id, name, status, ingest_rate_per_sec, retention_seconds, created_at
      """;

  static final String FIND = """
      select id, name, status, ingest_rate_per_sec, retention_seconds, created_at from tenants where id = $1
      """;

  /** Keyset pagination by name: the cursor is the last name of the previous page. */
  static final String LIST_AFTER = """
      select id, name, status, ingest_rate_per_sec, retention_seconds, created_at from tenants where name > $1 order by name limit $2
      """;

  static final String SETTING_INSERT_IF_ABSENT = """
      insert into settings (key, value) values ($1, $2) on conflict (key) do nothing
      """;

  static final String SETTING_REPLACE = "update settings set value = $3 where key = $1 and value = $2";

  static final String SETTING_FIND = """
      select value from settings where key = $1
      """;
}
