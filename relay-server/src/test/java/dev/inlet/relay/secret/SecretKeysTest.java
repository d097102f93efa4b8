package dev.inlet.relay.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretKeysTest {
  static final byte[] OLD = SecretKeys.decodeKey(SecretKeys.newKeyText());
  static final byte[] NEW = SecretKeys.decodeKey(SecretKeys.newKeyText());

  @Test
  void sealsSoThatOnlyTheSameKeyAndContextOpen() {
    SecretKeys keys = SecretKeys.of(NEW, List.of());
    String sealed = keys.seal("whsec_top-secret", "endpoint a");
    assertThat(sealed).startsWith("inlet:v1:" + keys.currentKeyId() + ":").doesNotContain("top-secret");
    assertThat(keys.seal("whsec_top-secret", "endpoint a")).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(keys.open(sealed, "endpoint a")).isEqualTo("whsec_top-secret");
    assertThatThrownBy(() -> keys.open(sealed, "endpoint b")).as("moved to another row")
        .isInstanceOf(UnreadableSecretException.class);
    String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> keys.open(altered, "endpoint a")).isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> SecretKeys.of(OLD, List.of()).open(sealed, "endpoint a"))
        .isInstanceOf(UnreadableSecretException.class).hasMessageContaining(keys.currentKeyId())
        .hasMessageContaining("INLET_SECRET_KEYS_PREVIOUS");
  }

  @Test
  void aPreviousKeyStillOpensAndAsksToBeSealedAgain() {
    String underOld = SecretKeys.of(OLD, List.of()).seal("s3cret", "c");
    SecretKeys rotated = SecretKeys.of(NEW, List.of(OLD));
    assertThat(rotated.open(underOld, "c")).isEqualTo("s3cret");
    assertThat(rotated.needsSealing(underOld)).isTrue();
    assertThat(rotated.needsSealing(rotated.seal("s3cret", "c"))).isFalse();
    assertThat(rotated.needsSealing("plain, from before sealing")).isTrue();
    assertThat(rotated.open("plain, from before sealing", "c")).isEqualTo("plain, from before sealing");
    assertThat(rotated.previousKeyIds()).containsExactly(SecretKeys.of(OLD, List.of()).currentKeyId());
  }

  @Test
  void keysAreThirtyTwoBytesOfBase64() {
    assertThat(SecretKeys.decodeKey(SecretKeys.newKeyText())).hasSize(32);
    assertThat(SecretKeys.decodeKey("c2hvcnQ=")).isNull();
    assertThat(SecretKeys.decodeKey("not base64 at all!")).isNull();
    assertThat(SecretKeys.of(NEW, List.of()).toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(NEW));
  }
}
