package dev.inlet.relay.store;

/** Statements on {@code endpoints} and their {@code routes}. */
final class EndpointSql {
  private EndpointSql() {}

  /** An endpoint with its routes (queue names, in the order they were given) as one JSON array. */
  private static final String SELECT = """
      select e.id, e.tenant_id, e.name, e.verification, e.dedupe, e.dedupe_window_seconds, e.max_body_bytes,
             e.enabled, e.created_at, e.updated_at,
             coalesce((select jsonb_agg(jsonb_build_object('queue', q.name, 'filter', r.filter) order by r.position)
                         from routes r join queues q on q.tenant_id = r.tenant_id and q.id = r.queue_id
                        where r.tenant_id = e.tenant_id and r.endpoint_id = e.id), '[]'::jsonb) as routes
        from endpoints e
      """;

  static final String FIND = SELECT + " where e.tenant_id = $1 and e.id = $2";

  static final String LIST_AFTER = SELECT + " where e.tenant_id = $1 and e.name > $2 order by e.name limit $3";

  static final String INSERT = """
      insert into endpoints (tenant_id, id, name, verification, dedupe, dedupe_window_seconds, max_body_bytes, enabled)
      values ($1, $2, $3, $4, $5, $6, $7, $8)
      """;

  /** Null keeps a value; dedupe is replaced only when $5 is true, since null is a value it can take. */
  static final String UPDATE = """
      update endpoints
         set name = coalesce($3, name),
             verification = coalesce($4, verification),
             dedupe = case when $5 then $6 else dedupe end,
             dedupe_window_seconds = coalesce($7, dedupe_window_seconds),
             max_body_bytes = coalesce($8, max_body_bytes),
             enabled = coalesce($9, enabled),
             updated_at = now()
       where tenant_id = $1 and id = $2
      """;

  static final String DELETE = "delete from endpoints where tenant_id = $1 and id = $2";

  /** Stores secret $3 as the endpoint's only one, if and only if it has none yet (trust on first use). */
  static final String LEARN_SECRET = """
      update endpoints set verification = jsonb_set(verification, '{secrets}', jsonb_build_array($3::text)),
                           updated_at = now()
       where tenant_id = $1 and id = $2 and coalesce(jsonb_array_length(verification -> 'secrets'), 0) = 0
      """;

  static final String VERIFICATIONS_AFTER = """
      select tenant_id, id, verification from endpoints where id > $1 order by id limit $2
      """;

  static final String REPLACE_VERIFICATION = """
      update endpoints set verification = $4, updated_at = now()
       where tenant_id = $1 and id = $2 and verification = $3
      """;

  static final String DELETE_ROUTES = "delete from routes where tenant_id = $1 and endpoint_id = $2";

  static final String INSERT_ROUTE = """
      insert into routes (tenant_id, endpoint_id, queue_id, filter, position) values ($1, $2, $3, $4, $5)
      """;
}
