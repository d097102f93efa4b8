package dev.inlet.relay.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

  @Test
  void idsHaveThePrefixAnd22Base62DigitsAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RandomIds.next("ep_");
      assertThat(id).matches("ep_[0-9A-Za-z]{22}");
      assertThat(RandomIds.looksLike("ep_", id)).isTrue();
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void everyDigitIsAboutEquallyLikely() {
    Map<Character, Integer> counts = new HashMap<>();
    int ids = 20_000;
    for (int i = 0; i < ids; i++) {
      for (char c : RandomIds.next("").toCharArray()) {
        counts.merge(c, 1, Integer::sum);
      }
    }
    double expected = ids * 22.0 / 62;
    assertThat(counts).hasSize(62);
    // 7,100 expected per digit; a biased encoder (say modulo 64 folded onto 62) would be far off.
    assertThat(counts.values()).allSatisfy(n -> assertThat(Math.abs(n - expected) / expected).isLessThan(0.06));
  }

  @Test
  void shapesOtherThanOursAreNotIds() {
    assertThat(RandomIds.looksLike("ep_", "ep_short")).isFalse();
    assertThat(RandomIds.looksLike("ep_", "ten_0123456789012345678901")).isFalse();
    assertThat(RandomIds.looksLike("ep_", "ep_012345678901234567890-")).isFalse();
    assertThat(EndpointId.parse("ep_" + "a".repeat(22))).isPresent();
    assertThat(EndpointId.parse(null)).isEmpty();
  }
}
