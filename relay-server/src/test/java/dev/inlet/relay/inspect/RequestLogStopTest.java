package dev.inlet.relay.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.app.EmbeddedDatabase;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.TestRelay;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused requests still buffered when the relay stops are written before its pools close. */
class RequestLogStopTest {
  @TempDir
  Path dataDir;

  @Test
  void aStopWritesTheRefusalsItHasBuffered() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port, false);
    try {
      // The periodic flush never comes in this test: only the stop can write the rows.
      TestRelay relay = TestRelay.start(database.url(), Map.of("INLET_REQUEST_LOG_FLUSH_MS", "600000",
          "INLET_VERIFY_FAILURE_DELAY_MS", "0"));
      String endpoint;
      try (relay) {
        Api api = new Api(relay);
        Api.TenantAccess tenant = api.createTenant("stopping");
        endpoint = api.as(tenant.adminToken()).body(Map.of("name", "gh", "verification",
            Map.of("scheme", "github", "secrets", List.of("right")))).post("/v1/endpoints")
            .then().statusCode(201).extract().path("id");
        Inbound inbound = new Inbound(relay.baseUrl());
        for (int i = 0; i < 5; i++) {
          String body = "{\"n\":" + i + "}";
          assertThat(inbound.post(endpoint, body, Map.of("X-Hub-Signature-256", Signatures.github("wrong", body)))
              .statusCode()).isEqualTo(401);
        }
        assertThat(refusedRows(database.url(), endpoint)).as("nothing written before the stop").isZero();
      }
      assertThat(refusedRows(database.url(), endpoint)).isEqualTo(5);
    } finally {
      database.close();
    }
  }

  private static long refusedRows(String url, String endpoint) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:" + url.replace("postgres@localhost", "localhost") + "?user=postgres");
        ResultSet rows = db.createStatement().executeQuery(
            "select count(*) from request_log where outcome = 'refused' and endpoint_id = '" + endpoint + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
