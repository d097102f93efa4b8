package dev.inlet.relay.store;

/** Statements on {@code consumer_holds}: the streams and long polls each node holds open. */
final class HoldSql {
  private HoldSql() {}

  /**
   * Node $1 writes what it holds now (tenants $2, kinds $3, tokens $4, counts $5: its rows not among
   * them are deleted) and reads what the other nodes held at their last write, if it is fresh
   * (their writes come every second; a node gone stops counting after 5 s). The final select sees
   * the table as it was, which for the other nodes' rows is what it should see.
   */
  static final String SYNC = """
      with mine as (
        select * from unnest($2::text[], $3::text[], $4::text[], $5::int[]) as m(tenant_id, kind, token_id, open)),
      gone as (
        delete from consumer_holds h
         where h.node_id = $1
           and not exists (select 1 from mine m
                            where m.tenant_id = h.tenant_id and m.kind = h.kind and m.token_id = h.token_id)),
      written as (
        insert into consumer_holds (tenant_id, node_id, kind, token_id, open, updated_at)
        select tenant_id, $1, kind, token_id, open, now() from mine
        on conflict (tenant_id, node_id, kind, token_id) do update
           set open = excluded.open, updated_at = excluded.updated_at)
      select tenant_id, kind, token_id, sum(open)::int as open
        from consumer_holds
       where node_id <> $1 and updated_at > now() - interval '5 seconds'
       group by tenant_id, kind, token_id
      """;

  /** Rows of nodes that stopped writing a minute ago; SKIP LOCKED, so sweeping nodes never wait. */
  static final String SWEEP = """
      delete from consumer_holds
       where (tenant_id, node_id, kind, token_id) in (
             select tenant_id, node_id, kind, token_id from consumer_holds
              where updated_at < now() - interval '1 minute'
              limit 1000 for update skip locked)
      """;
}
