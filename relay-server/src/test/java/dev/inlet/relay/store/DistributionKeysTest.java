package dev.inlet.relay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The schema can be distributed by tenant (Citus, issue 14): read from {@code pg_catalog} of the
 * migrated database, every table is either a tenant table (it has {@code tenant_id}) or one of the
 * global tables listed here, and every primary key, unique constraint, unique index and foreign key
 * between tenant tables holds {@code tenant_id}. docs/operations.md ("Distributing by tenant") gives
 * the DDL for the same lists.
 */
class DistributionKeysTest {

  /** Global tables: Citus reference tables, a copy on every node. */
  static final Set<String> REFERENCE_TABLES = Set.of("tenants", "settings");
  /** Kept on the coordinator only, neither distributed nor copied (Flyway's own). */
  static final Set<String> COORDINATOR_TABLES = Set.of("flyway_schema_history");

  @Test
  void everyKeyOfATenantTableHoldsTheTenant() throws SQLException, IOException {
    try (Connection sql = TestDatabase.connect(TestDatabase.get().newDatabase())) {
      assertThat(violations(sql)).isEmpty();
      // The docs' DDL names every table: a table added by a migration must be added there too.
      assertThat(tablesWithTenant(sql)).as("the tenant tables docs/operations.md distributes")
          .containsExactlyInAnyOrderElementsOf(documented("create_distributed_table"));
      assertThat(REFERENCE_TABLES).as("the reference tables docs/operations.md makes")
          .containsExactlyInAnyOrderElementsOf(documented("create_reference_table"));
    }
  }

  /** The tables docs/operations.md passes to {@code function} ({@code select function('table', …)}). */
  private static List<String> documented(String function) throws IOException {
    Matcher calls = Pattern.compile("select " + function + "\\('([a-z_]+)'")
        .matcher(Files.readString(Path.of("..", "docs", "operations.md")));
    List<String> tables = new ArrayList<>();
    while (calls.find()) {
      tables.add(calls.group(1));
    }
    return tables;
  }

  /** The check itself: each kind of mistake is reported. */
  @Test
  void keysWithoutTheTenantAreFound() throws SQLException {
    try (Connection sql = TestDatabase.connect(TestDatabase.get().newDatabase());
         Statement statement = sql.createStatement()) {
      statement.execute("create table bad_pk (tenant_id text not null, id bigint primary key)");
      statement.execute("create table bad_unique (tenant_id text not null, id bigint, name text,"
          + " primary key (tenant_id, id), constraint bad_unique_name unique (name))");
      statement.execute("create unique index bad_unique_index on bad_unique (id) where name is not null");
      statement.execute("create table bad_fk (tenant_id text not null, id bigint, queue_id bigint,"
          + " primary key (tenant_id, id))");
      statement.execute("alter table queues add constraint queues_id_alone unique (id)");
      statement.execute("alter table bad_fk add constraint bad_fk_queue foreign key (queue_id) references queues (id)");
      statement.execute("create table stray (id bigint primary key)");
      statement.execute("alter table tenants add column home_queue bigint");
      statement.execute("alter table tenants add constraint tenants_queue foreign key (id, home_queue)"
          + " references queues (tenant_id, id)");

      assertThat(violations(sql)).containsExactlyInAnyOrder(
          "bad_pk: unique key bad_pk_pkey lacks tenant_id",
          "bad_unique: unique key bad_unique_name lacks tenant_id",
          "bad_unique: unique key bad_unique_index lacks tenant_id",
          "queues: unique key queues_id_alone lacks tenant_id",
          "bad_fk: foreign key bad_fk_queue to queues does not pair tenant_id with tenant_id",
          "stray: has no tenant_id and is not a listed global table",
          "tenants: foreign key tenants_queue from a global table to tenant table queues");
    }
  }

  /** What breaks the rules, one line each; empty when the schema distributes by tenant. */
  static List<String> violations(Connection sql) throws SQLException {
    List<String> found = new ArrayList<>();
    Set<String> tenantTables = Set.copyOf(tablesWithTenant(sql));
    for (String table : tables(sql)) {
      if (!tenantTables.contains(table) && !REFERENCE_TABLES.contains(table) && !COORDINATOR_TABLES.contains(table)) {
        found.add(table + ": has no tenant_id and is not a listed global table");
      }
    }
    // Unique indexes cover primary keys and unique constraints (each has one, of the same name) and
    // stand-alone ones; only the key columns count (not INCLUDE ones).
    query(sql, """
        select t.relname as tab, i.relname as key from pg_index x
          join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
          join pg_attribute a on a.attrelid = t.oid and a.attname = 'tenant_id' and not a.attisdropped
         where x.indisunique and t.relnamespace = current_schema()::regnamespace and not t.relispartition
           and not (a.attnum = any ((x.indkey::int2[])[0:x.indnkeyatts - 1]))
        """, row -> found.add(row.getString("tab") + ": unique key " + row.getString("key")
            + " lacks tenant_id"));
    query(sql, """
        select c.conname, s.relname as src, r.relname as dst,
               sa.attnum is not null as src_tenant, ra.attnum is not null as dst_tenant,
               exists (select 1 from unnest(c.conkey, c.confkey) as k(src_col, dst_col)
                        where k.src_col = sa.attnum and k.dst_col = ra.attnum) as paired
          from pg_constraint c
          join pg_class s on s.oid = c.conrelid join pg_class r on r.oid = c.confrelid
          left join pg_attribute sa on sa.attrelid = s.oid and sa.attname = 'tenant_id' and not sa.attisdropped
          left join pg_attribute ra on ra.attrelid = r.oid and ra.attname = 'tenant_id' and not ra.attisdropped
         where c.contype = 'f' and s.relnamespace = current_schema()::regnamespace and not s.relispartition
           and c.conparentid = 0
        """, row -> {
          String line = row.getString("src") + ": foreign key " + row.getString("conname");
          boolean fromTenant = row.getBoolean("src_tenant");
          boolean toTenant = row.getBoolean("dst_tenant");
          if (fromTenant && toTenant && !row.getBoolean("paired")) {
            found.add(line + " to " + row.getString("dst") + " does not pair tenant_id with tenant_id");
          } else if (!fromTenant && toTenant) {
            found.add(line + " from a global table to tenant table " + row.getString("dst"));
          }
        });
    return found;
  }

  private static List<String> tables(Connection sql) throws SQLException {
    List<String> names = new ArrayList<>();
    query(sql, """
        select relname from pg_class
         where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') and not relispartition
        """, row -> names.add(row.getString(1)));
    return names;
  }

  static List<String> tablesWithTenant(Connection sql) throws SQLException {
    List<String> names = new ArrayList<>();
    query(sql, """
        select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid
         where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
           and a.attname = 'tenant_id' and not a.attisdropped
        """, row -> names.add(row.getString(1)));
    return names;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private static void query(Connection sql, String text, RowReader reader) throws SQLException {
    try (Statement statement = sql.createStatement(); ResultSet rows = statement.executeQuery(text)) {
      while (rows.next()) {
        reader.read(rows);
      }
    }
  }
}
