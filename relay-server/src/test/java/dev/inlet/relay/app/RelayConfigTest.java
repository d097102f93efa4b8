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
        "INLET_OPERATOR_TOKEN", "short",
        "INLET_DATABASE_POOL_SIZE", "0")));
    assertThat(e.problems()).hasSize(6);
    assertThat(e.getMessage()).contains("INLET_HTTP_PORT", "INLET_PUBLIC_URL", "INLET_DATABASE_URL",
        "INLET_JWT_SECRET", "INLET_OPERATOR_TOKEN", "INLET_DATABASE_POOL_SIZE");
    assertThat(e.getMessage()).doesNotContain("short");
  }

  @Test
  void publicUrlLosesItsTrailingSlash() {
    RelayConfig config = RelayConfig.fromEnvironment(Map.of("INLET_PUBLIC_URL", "https://hooks.example.com/"));
    assertThat(config.publicUrlFor(8080)).isEqualTo("https://hooks.example.com");
  }
}
