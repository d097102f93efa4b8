package dev.inlet.relay.store;

/** Statements on {@code tenants} and {@code settings}. */
final class TenantSql {
  private TenantSql() {}

  private static final String COLUMNS = """
      id, name, status, ingest_rate_per_sec, retention_seconds, max_queues, max_endpoints, max_backlog_per_queue,
      max_stored_bytes, created_at""";

  static final String INSERT = """
      insert into tenants (id, name, ingest_rate_per_sec, retention_seconds) values ($1, $2, $3, $4)
      returning\s""" + COLUMNS;

  static final String FIND = "select " + COLUMNS + " from tenants where id = $1";

  /** For a PATCH: the row as it is, locked until the change commits. */
  static final String FIND_FOR_UPDATE = "select " + COLUMNS + " from tenants where id = $1 for update";

  /** Keyset pagination by name: the cursor is the last name of the previous page. */
  static final String LIST_AFTER = "select " + COLUMNS + " from tenants where name > $1 order by name limit $2";

  /** Every changeable column at once (the service merged the PATCH into the current row). */
  static final String UPDATE = """
      update tenants set ingest_rate_per_sec = $2, retention_seconds = $3, status = $4, max_queues = $5,
             max_endpoints = $6, max_backlog_per_queue = $7, max_stored_bytes = $8
       where id = $1 and status <> 'deleting'
      returning\s""" + COLUMNS;

  /** How many queues and endpoints the tenant has, for the create quotas. */
  static final String USAGE = """
      select (select count(*) from queues where tenant_id = $1) as queues,
             (select count(*) from endpoints where tenant_id = $1) as endpoints
      """;

  /**
   * Queues over their tenant's backlog quota ($1 the default): messages not dead, probed with an
   * offset on the lease index so a queue costs at most its limit's worth of index entries.
   */
  static final String QUEUES_OVER_BACKLOG = """
      select q.id, coalesce(t.max_backlog_per_queue, $1) as max from queues q join tenants t on t.id = q.tenant_id
       where exists (select 1 from messages m where m.tenant_id = q.tenant_id and m.queue_id = q.id and m.state <> 'dead'
                      offset coalesce(t.max_backlog_per_queue, $1) limit 1)
      """;

  /** Tenants whose events' bodies pass their stored-bytes quota ($1 the default). */
  static final String TENANTS_OVER_STORAGE = """
      select t.id, coalesce(t.max_stored_bytes, $1) as max from tenants t
       where (select coalesce(sum(octet_length(e.body)), 0) from events e where e.tenant_id = t.id)
             > coalesce(t.max_stored_bytes, $1)
      """;

  static final String MARK_DELETING = """
      update tenants set status = 'deleting' where id = $1 and status <> 'deleting' returning id
      """;

  /** A tenant being deleted that no other node is working on now; locked until the step commits. */
  static final String CLAIM_DELETING = """
      select id from tenants where status = 'deleting' order by id for update skip locked limit 1
      """;

  /**
   * A deleted tenant's rows go in bounded steps ($2 rows each): messages (through its queues, on
   * the two partial indexes), events, dedupe keys. The tenant row goes last; its queues, endpoints, routes,
   * tokens and replay jobs go with it (foreign keys cascade, and few are left by then).
   */
  static final String DELETE_MESSAGES_STEP = """
      delete from messages where tenant_id = $1 and id in (
        select m.id from queues q cross join lateral (
          (select id from messages where tenant_id = q.tenant_id and queue_id = q.id and state <> 'dead' limit $2)
          union all
          (select id from messages where tenant_id = q.tenant_id and queue_id = q.id and state = 'dead' limit $2)) m
         where q.tenant_id = $1 limit $2)
      """;

  static final String DELETE_EVENTS_STEP = """
      delete from events where tenant_id = $1 and (id, received_at) in (
        select id, received_at from events where tenant_id = $1 limit $2)
      """;

  static final String DELETE_DEDUPE_KEYS_STEP = """
      delete from dedupe_keys where tenant_id = $1 and (endpoint_id, key) in (
        select endpoint_id, key from dedupe_keys where tenant_id = $1 limit $2)
      """;

  /**
   * The history tables have no foreign keys (a key check would cost the ingest and consume paths),
   * so a deleted tenant's request log, delivery attempts, rates and drop counts go by hand, in the
   * same bounded steps: request log rows through its endpoints' index, the rest by tenant.
   */
  static final String DELETE_HISTORY_STEP = """
      with requests as (
        delete from request_log where tenant_id = $1 and (endpoint_id, received_at, id) in (
          select l.endpoint_id, l.received_at, l.id from endpoints e cross join lateral (
            select endpoint_id, received_at, id from request_log
             where tenant_id = e.tenant_id and endpoint_id = e.id limit $2) l
           where e.tenant_id = $1 limit $2)
        returning 1),
      attempts as (
        delete from delivery_attempts where (tenant_id, message_id, lease_token) in (
          select tenant_id, message_id, lease_token from delivery_attempts where tenant_id = $1 limit $2)
        returning 1),
      rates as (delete from queue_rates where tenant_id = $1 returning 1),
      drops as (delete from request_log_drops where tenant_id = $1 returning 1)
      select (select count(*) from requests) + (select count(*) from attempts)
           + (select count(*) from rates) + (select count(*) from drops) as removed
      """;

  static final String DELETE_TENANT = "delete from tenants where id = $1 and status = 'deleting'";

  static final String SETTING_INSERT_IF_ABSENT = """
      insert into settings (key, value) values ($1, $2) on conflict (key) do nothing
      """;

  static final String SETTING_REPLACE = "update settings set value = $3 where key = $1 and value = $2";

  static final String SETTING_FIND = """
      select value from settings where key = $1
      """;
}
