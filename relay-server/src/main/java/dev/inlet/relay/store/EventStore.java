package dev.inlet.relay.store;

import dev.inlet.relay.ingest.StoredEvent;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Events as providers sent them. */
public final class EventStore {

  public Future<Optional<StoredEvent>> find(SqlClient sql, TenantId tenant, EventId id) {
    return sql.preparedQuery(EventSql.FIND).execute(Tuple.of(tenant.value(), id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toEvent(rows.iterator().next())));
  }

  private static StoredEvent toEvent(Row row) {
    return new StoredEvent(row.getString("id"), row.getString("endpoint_id"), row.getOffsetDateTime("received_at"),
        row.getString("method"), row.getString("path_query"), row.getJsonObject("headers"),
        row.getString("content_type"), row.getBuffer("body"), row.getString("dedupe_key"),
        row.getString("source_address"));
  }
}
