package dev.inlet.relay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigTest {

  @Test
  void defaultsNeedNoEnvironmentAtAll() {
    RelayConfig config = RelayConfig.fromEnvironment(Map.of());
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("./inlet-data"));
    assertThat(config.publicUrlFor(8080)).isEqualTo("http://localhost:8080");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> RelayConfig.fromEnvironment(Map.of(
        "INLET_HTTP_PORT", "eighty",
        "INLET_PUBLIC_URL", "not a url",
        "INLET_DATABASE_URL", "mysql://x",
        "INLET_JWT_SECRET", "short",
        "INLET_SECRET_KEY", "short",
        "INLET_SECRET_KEYS_PREVIOUS", "short",
        "INLET_OPERATOR_TOKEN", "short",
        "INLET_DATABASE_POOL_SIZE", "0")));
    assertThat(e.problems()).hasSize(8);
    assertThat(e.getMessage()).contains("INLET_HTTP_PORT", "INLET_PUBLIC_URL", "INLET_DATABASE_URL",
        "INLET_JWT_SECRET", "INLET_SECRET_KEY ", "INLET_SECRET_KEYS_PREVIOUS", "INLET_OPERATOR_TOKEN",
        "INLET_DATABASE_POOL_SIZE");
    assertThat(e.getMessage()).doesNotContain("short");
  }

  @Test
  void anExternalDatabaseNeedsTheKeyThatSealsSecrets() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> RelayConfig.fromEnvironment(Map.of(
        "INLET_DATABASE_URL", "postgresql://inlet:pw@db:5432/inlet")));
    assertThat(e.problems()).singleElement().asString().startsWith("INLET_SECRET_KEY is required");
    String key = dev.inlet.relay.secret.SecretKeys.newKeyText();
    String old = dev.inlet.relay.secret.SecretKeys.newKeyText();
    RelayConfig config = RelayConfig.fromEnvironment(Map.of("INLET_DATABASE_URL", "postgresql://inlet:pw@db:5432/inlet",
        "INLET_SECRET_KEY", key, "INLET_SECRET_KEYS_PREVIOUS", old + ", "));
    assertThat(config.secretKey()).isEqualTo(key);
    assertThat(config.previousSecretKeys()).containsExactly(old);
    assertThat(config.toString()).as("never the keys or the password").doesNotContain(key, old, "pw");
  }

  @Test
  void theListenConnectionMayHaveADatabaseUrlOfItsOwn() {
    String key = dev.inlet.relay.secret.SecretKeys.newKeyText();
    RelayConfig config = RelayConfig.fromEnvironment(Map.of("INLET_DATABASE_URL", "postgresql://inlet:pw@pgbouncer:6432/inlet",
        "INLET_DATABASE_LISTEN_URL", "postgresql://inlet:pw@db:5432/inlet", "INLET_SECRET_KEY", key));
    assertThat(config.listenDatabaseUrl()).isEqualTo("postgresql://inlet:pw@db:5432/inlet");
    assertThat(config.toString()).doesNotContain("pw");
    assertThat(RelayConfig.fromEnvironment(Map.of()).listenDatabaseUrl()).isNull();
    ConfigException bad = catchThrowableOfType(ConfigException.class, () -> RelayConfig.fromEnvironment(Map.of(
        "INLET_DATABASE_LISTEN_URL", "db:5432")));
    assertThat(bad.problems()).singleElement().asString().startsWith("INLET_DATABASE_LISTEN_URL must look like");
    ConfigException alone = catchThrowableOfType(ConfigException.class, () -> RelayConfig.fromEnvironment(Map.of(
        "INLET_DATABASE_LISTEN_URL", "postgresql://inlet:pw@db:5432/inlet")));
    assertThat(alone.problems()).singleElement().asString().contains("needs INLET_DATABASE_URL");
  }

  @Test
  void publicUrlLosesItsTrailingSlash() {
    RelayConfig config = RelayConfig.fromEnvironment(Map.of("INLET_PUBLIC_URL", "https://hooks.example.com/"));
    assertThat(config.publicUrlFor(8080)).isEqualTo("https://hooks.example.com");
  }

  @Test
  void logFormatAndLevelAreCheckedWithTheRest() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> RelayConfig.fromEnvironment(Map.of(
        "INLET_LOG_FORMAT", "xml", "INLET_LOG_LEVEL", "chatty", "INLET_HTTP_PORT", "-1")));
    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("INLET_LOG_FORMAT must be one of text, json (was 'xml')"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("INLET_LOG_LEVEL must be one of TRACE, DEBUG"));
    RelayConfig.fromEnvironment(Map.of("INLET_LOG_FORMAT", "json", "INLET_LOG_LEVEL", "debug"));
  }
}
