package dev.inlet.relay.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses signature headers of the form {@code t=123,v1=abc,v1=def} (separator varies by provider).
 */
public final class HeaderParams {

  private final List<String[]> pairs;

  private HeaderParams(List<String[]> pairs) {
    this.pairs = pairs;
  }

  /** Splits on the separator, then on the first '='; parts without '=' are ignored. */
  public static HeaderParams parse(String value, String separator) {
    List<String[]> pairs = new ArrayList<>();
    for (String part : value.split(Pattern.quote(separator))) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        pairs.add(new String[] {part.substring(0, eq).trim(), part.substring(eq + 1).trim()});
      }
    }
    return new HeaderParams(pairs);
  }

  /** The first value for the key, or null. */
  public String first(String key) {
    return pairs.stream().filter(p -> p[0].equals(key)).map(p -> p[1]).findFirst().orElse(null);
  }

  /** Every value for the key that decodes, in order; values that do not decode are skipped. */
  public List<byte[]> decoded(String key, SignatureEncoding encoding) {
    List<byte[]> values = new ArrayList<>();
    for (String[] pair : pairs) {
      if (pair[0].equals(key)) {
        try {
          values.add(encoding.decode(pair[1]));
        } catch (IllegalArgumentException e) {
          // A garbled entry among valid ones simply cannot match.
        }
      }
    }
    return values;
  }
}
