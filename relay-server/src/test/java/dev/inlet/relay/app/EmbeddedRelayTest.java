package dev.inlet.relay.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay on its own embedded PostgreSQL, as a user first runs it. */
class EmbeddedRelayTest {
  @TempDir
  Path dataDir;

  @Test
  void firstStartCreatesTheDefaultTenantAndARestartKeepsEverything() throws Exception {
    RelayConfig config = RelayConfig.fromEnvironment(Map.of(
        "INLET_HTTP_HOST", "127.0.0.1", "INLET_HTTP_PORT", "0", "INLET_DATA_DIR", dataDir.toString()));

    String adminToken;
    String operatorToken;
    try (Relay relay = Relay.start(config)) {
      assertThat(relay.firstStart()).isPresent();
      adminToken = relay.firstStart().get().tenantAdminToken();
      operatorToken = relay.operatorToken();
      assertThat(Files.readString(dataDir.resolve("operator-token")).trim()).isEqualTo(operatorToken);
      // The key that seals secrets at rest (the JWT key among them) is generated once, owner-only.
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dataDir.resolve("secret.key")))).isEqualTo("rw-------");
      var jwtKey = relay.pool().query("select value from settings where key = 'jwt.hs256.secret'").execute()
          .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).iterator().next();
      assertThat(jwtKey.getString("value")).startsWith("inlet:v1:");
      given().port(relay.port()).get("/readyz").then().statusCode(200);
      // Acknowledged means on disk: the embedded server must not run with zonky's fsync=off.
      var settings = relay.pool().query("select current_setting('fsync') as fsync, "
              + "current_setting('synchronous_commit') as sync").execute()
          .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).iterator().next();
      assertThat(settings.getString("fsync")).isEqualTo("on");
      assertThat(settings.getString("sync")).isEqualTo("on");
      given().port(relay.port()).header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON)
          .body(Map.of("name", "orders")).post("/v1/queues").then().statusCode(201);
      given().port(relay.port()).header("Authorization", "Bearer " + operatorToken).contentType(ContentType.JSON)
          .body(Map.of("name", "acme")).post("/v1/tenants").then().statusCode(201);
    }

    try (Relay relay = Relay.start(config)) {
      // A second relay on the same directory would stop this one's PostgreSQL: it refuses to start.
      assertThatThrownBy(() -> Relay.start(config)).isInstanceOf(DataDirLock.InUse.class)
          .hasMessageContaining("another relay is running on " + dataDir)
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
      given().port(relay.port()).get("/readyz").then().statusCode(200);
      assertThat(relay.firstStart()).isEmpty();
      assertThat(relay.operatorToken()).isEqualTo(operatorToken);
      List<String> queues = given().port(relay.port()).header("Authorization", "Bearer " + adminToken)
          .get("/v1/queues").then().statusCode(200).extract().path("items.name");
      assertThat(queues).containsExactly("orders");
      List<String> tenants = given().port(relay.port()).header("Authorization", "Bearer " + operatorToken)
          .get("/v1/tenants").then().statusCode(200).extract().path("items.name");
      assertThat(tenants).containsExactly("acme", "default");
    }
  }
}
