package dev.inlet.relay.store;

/** Statements on {@code ingest_budget}: the tenants' per-second ingest budgets shared by the nodes. */
final class BudgetSql {
  private BudgetSql() {}

  /**
   * Leases up to $2 requests of tenant $1's budget of $3 in this second of database time. SET sees
   * the row as it was, so {@code last_grant} is what this statement took (the row stays locked until
   * the statement ends); the window's budget spent, nothing is taken and {@code granted} is 0.
   * {@code remaining_ms}: how long the window still lasts, which is how long the grant is good for.
   */
  static final String LEASE = """
      with lease as (
        insert into ingest_budget as b (tenant_id, window_start, granted, last_grant)
        values ($1::text, date_trunc('second', now()), least($2::int, $3::int), least($2::int, $3::int))
        on conflict (tenant_id, window_start) do update
           set granted = least(b.granted + $2::int, $3::int), last_grant = least($2::int, $3::int - b.granted)
         where b.granted < $3::int
        returning b.last_grant)
      select coalesce((select last_grant from lease), 0) as granted,
             ceil(extract(epoch from date_trunc('second', now()) + interval '1 second' - now()) * 1000)::bigint
               as remaining_ms
      """;

  /**
   * Windows that ended more than 10 s ago, $1 at most. SKIP LOCKED: nodes sweeping at once never
   * wait on each other (nor deadlock), and no lease touches a past window.
   */
  static final String SWEEP = """
      delete from ingest_budget
       where (tenant_id, window_start) in (
             select tenant_id, window_start from ingest_budget
              where window_start < now() - interval '10 seconds'
              limit $1 for update skip locked)
      """;
}
