-- A message's open lease is kept on its own row (when, by which token, how, for how long), and its
-- delivery_attempts row is written once, when the lease ends: settled, released, or found run out
-- by the next lease. One insert per delivery instead of an insert at the lease and an update at the
-- settle; the lease updates the message row anyway. See MessageSql.
alter table messages
    add column leased_at     timestamptz,
    add column leased_by     text,
    add column leased_via    text,
    add column lease_seconds integer;

-- Open attempts written the old way move onto their message's row …
update messages m
   set leased_at = a.leased_at, leased_by = a.token_id, leased_via = a.via, lease_seconds = a.lease_seconds
  from delivery_attempts a
 where a.tenant_id = m.tenant_id and a.message_id = m.id and a.lease_token = m.lease_token and a.outcome = 'leased';
delete from delivery_attempts a using messages m
 where a.tenant_id = m.tenant_id and a.message_id = m.id and a.lease_token = m.lease_token and a.outcome = 'leased';
-- … and those no longer their message's lease ran out.
update delivery_attempts set outcome = 'expired', settled_at = leased_at + make_interval(secs => lease_seconds)
 where outcome = 'leased';
