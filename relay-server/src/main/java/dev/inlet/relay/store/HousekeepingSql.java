package dev.inlet.relay.store;

/** Statements of the periodic clean-up; each deletes at most $1 rows so no run holds locks for long. */
final class HousekeepingSql {
  private HousekeepingSql() {}

  /** One node at a time: the lock is released when the transaction ends. */
  static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtext('inlet.housekeeping')) as locked";

  /**
   * Taken shared by a replay: housekeeping decides an event is unneeded from what it sees when it
   * starts, so it must not run while a replay's new messages, not yet committed, point at old events.
   */
  static final String HOLD_OFF = "select pg_advisory_xact_lock_shared(hashtext('inlet.housekeeping'))";

  /**
   * Keys past their window, tenant by tenant and by primary key, not by {@code ctid}: a ctid names a
   * row only within one shard, so on Citus (issue 14) it would match rows of other tenants' shards.
   */
  static final String PURGE_DEDUPE_KEYS = """
      delete from dedupe_keys where (tenant_id, endpoint_id, key) in (
        select t.id, old.endpoint_id, old.key from tenants t cross join lateral (
          select k.endpoint_id, k.key from dedupe_keys k
           where k.tenant_id = t.id and k.expires_at < now()
           limit $1) old
         limit $1)
      """;

  /**
   * Dead messages of queue q that died more than q's {@code retention_seconds} ago. The outer
   * conditions repeat the inner ones: a message redriven while this runs is checked again as it is
   * now, and stays.
   */
  static final String PURGE_DEAD_MESSAGES = """
      delete from messages dm using queues dq
       where dm.tenant_id = dq.tenant_id and dm.queue_id = dq.id and dm.state = 'dead'
         and dm.dead_at < now() - make_interval(secs => dq.retention_seconds)
         and (dm.id, dm.tenant_id) in (
           select d.id, d.tenant_id from queues q cross join lateral (
             select m.id, m.tenant_id from messages m
              where m.queue_id = q.id and m.tenant_id = q.tenant_id and m.state = 'dead'
                and m.dead_at < now() - make_interval(secs => q.retention_seconds)
              limit $1) d
            limit $1)
      """;

  /**
   * Events past their tenant's retention, unless a message still points at one: an event is never
   * deleted while it can still be delivered. Each tenant's events are walked oldest first on
   * {@code events_tenant_received_id}, and the events still needed are stepped over (probed on
   * {@code messages_event}), so they cannot stall the clean-up of those behind them.
   *
   * <p>Rows go one by one only at the edges: a tenant whose retention is the longest there is (and
   * a day or more) has its events removed with their day's partition ({@link #DROP_EVENT_DAYS}), up
   * to a day after its retention; its rows are deleted here only from the days before, which stay
   * because a message still points into them. Other tenants' events go at their retention.
   */
  static final String PURGE_EVENTS = """
      delete from events where (tenant_id, id, received_at) in (
        select t.id, old.id, old.received_at
          from tenants t cross join (select max(retention_seconds) as seconds from tenants) longest
         cross join lateral (
          select e.id, e.received_at from events e
           where e.tenant_id = t.id
             and e.received_at < case when t.retention_seconds < greatest(longest.seconds, 86400)
                                      then now() - make_interval(secs => t.retention_seconds)
                                      else date_trunc('day', now() - make_interval(secs => t.retention_seconds), 'UTC')
                                 end
             and not exists (select 1 from messages m where m.tenant_id = e.tenant_id and m.event_id = e.id
                                and m.event_received_at = e.received_at)
           order by e.received_at
           limit $1) old
         limit $1)
      """;

  /**
   * The day partitions of {@code events} from today (UTC) to $1 days ahead that are not there yet;
   * how many were made (functions of migration V12, where the DDL is).
   */
  static final String MAKE_EVENT_DAYS = "select inlet_make_event_days($1) as made";

  /**
   * Day partitions whose events are all past every tenant's retention and that no message points
   * into, dropped whole; their names.
   */
  static final String DROP_EVENT_DAYS = """
      select day from inlet_drop_event_days((select max(retention_seconds) from tenants)) as day
      """;

  /**
   * Making or dropping a partition locks {@code events} against ingest and the lease: waiting for
   * that lock behind a long reader would hold them off the whole time, so it gives up instead, and
   * the next run tries again.
   */
  static final String DDL_LOCK_TIMEOUT = "set local lock_timeout = '2s'";
}
