-- events gets a partition per day (UTC), made ahead of time by housekeeping, so that retention can
-- drop a whole day instead of deleting its rows one by one (issue 14). The DDL is here, in two
-- functions housekeeping calls (HousekeepingSql); nothing else changes shape. Rows already stored
-- stay where they are, in events_default; retention deletes them row by row as before.

-- Makes the partition of one day, unless it is there. False as well when the default partition
-- already holds rows of that day (the day was not made in time): the day then stays in the
-- default partition. Making a partition scans the default one for such rows, under a lock that
-- holds ingest off for the scan: kept short by making days ahead, so the default stays small.
create function inlet_make_event_day(day date) returns boolean
language plpgsql as $$
declare
  name text := 'events_' || to_char(day, 'YYYYMMDD');
begin
  if to_regclass(quote_ident(name)) is not null then
    return false;
  end if;
  execute format('create table %I partition of events for values from (%L) to (%L)', name,
                 day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
  return true;
exception when check_violation then
  return false;
end $$;

-- Today (UTC) and the next days_ahead days; how many partitions were made.
create function inlet_make_event_days(days_ahead integer) returns integer
language sql as $$
  select count(*)::integer from generate_series(0, days_ahead) as n
   where inlet_make_event_day((now() at time zone 'UTC')::date + n)
$$;

-- The day partitions of events, each with its range.
create view inlet_event_days as
  select c.relname as name, b.day::timestamp at time zone 'UTC' as starts,
         (b.day + 1)::timestamp at time zone 'UTC' as ends
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
   cross join lateral (select to_date(substr(c.relname, 8), 'YYYYMMDD') as day) b
   where i.inhparent = 'events'::regclass and c.relname ~ '^events_[0-9]{8}$';

-- Drops the day partitions that ended more than keep_seconds ago and that no message points into;
-- their names. A message made for an event of such a day cannot appear meanwhile: replay and
-- resend skip events near their tenant's retention (ReplayWorker.RETENTION_MARGIN_SECONDS), and a
-- day ends past the longest one before it is dropped.
create function inlet_drop_event_days(keep_seconds integer) returns setof text
language plpgsql as $$
declare
  day record;
begin
  for day in select * from inlet_event_days where ends <= now() - make_interval(secs => keep_seconds)
              order by starts loop
    if not exists (select 1 from messages m where m.event_received_at >= day.starts and m.event_received_at < day.ends)
    then
      execute format('drop table %I', day.name);
      return next day.name;
    end if;
  end loop;
end $$;

-- Whether a message still points into a day: asked of each day past retention, on each housekeeping
-- run while one does. A BRIN index summarizes page ranges (messages arrive in time order), so it
-- costs ingest and the lease next to nothing and spares these checks a scan of every message.
create index messages_event_received on messages using brin (event_received_at);

select inlet_make_event_days(3);
