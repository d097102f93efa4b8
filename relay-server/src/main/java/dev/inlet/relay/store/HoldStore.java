package dev.inlet.relay.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The streams and long polls each node holds open, per tenant, kind and token. */
public final class HoldStore {

  /** What one node (or, read back, all the others together) holds of one kind for one token. */
  public record Held(String tenantId, String kind, String tokenId, int open) {}

  /** Writes what node {@code nodeId} holds now; what the other nodes hold, as they last wrote it. */
  public Future<List<Held>> sync(SqlClient sql, String nodeId, List<Held> mine) {
    Tuple params = Tuple.of(nodeId)
        .addArrayOfString(mine.stream().map(Held::tenantId).toArray(String[]::new))
        .addArrayOfString(mine.stream().map(Held::kind).toArray(String[]::new))
        .addArrayOfString(mine.stream().map(Held::tokenId).toArray(String[]::new))
        .addArrayOfInteger(mine.stream().map(Held::open).toArray(Integer[]::new));
    return sql.preparedQuery(HoldSql.SYNC).execute(params).map(rows -> {
      List<Held> others = new ArrayList<>();
      for (Row row : rows) {
        others.add(new Held(row.getString("tenant_id"), row.getString("kind"), row.getString("token_id"),
            row.getInteger("open")));
      }
      return others;
    });
  }

  public Future<Integer> sweep(SqlClient sql) {
    return sql.preparedQuery(HoldSql.SWEEP).execute().map(rows -> rows.rowCount());
  }
}
