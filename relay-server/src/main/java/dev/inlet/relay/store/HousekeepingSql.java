package dev.inlet.relay.store;

/** Statements of the periodic clean-up; each deletes at most $1 rows so no run holds locks for long. */
final class HousekeepingSql {
  private HousekeepingSql() {}

  /** One node at a time: the lock is released when the transaction ends. */
  static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtext('inlet.housekeeping')) as locked";

  static final String PURGE_DEDUPE_KEYS = """
      delete from dedupe_keys where ctid in (select ctid from dedupe_keys where expires_at < now() limit $1)
      """;

  /**
   * Events past their tenant's retention, unless a message still points at one: an event is never
   * deleted while it can still be delivered.
   */
  static final String PURGE_EVENTS = """
      delete from events where (id, received_at) in (
        select e.id, e.received_at from events e join tenants t on t.id = e.tenant_id
         where e.received_at < now() - make_interval(secs => t.retention_seconds)
           and not exists (select 1 from messages m where m.event_id = e.id and m.event_received_at = e.received_at)
         limit $1)
      """;
}
