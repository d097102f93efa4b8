package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample events {@code inlet trigger} sends, shipped in the jar under {@code samples/<provider>/<event>.json}:
 * a content type, the provider's headers and a body, with {@code {{id}}}, {@code {{uuid}}}, {@code {{now}}} and
 * the like filled in anew each time (so that the relay's dedupe does not drop the second trigger).
 */
final class Samples {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** One sample, ready to send. */
  record Sample(String provider, String event, String contentType, Map<String, String> headers, byte[] body) {}

  private Samples() {}

  /** Every sample, as {@code provider event} pairs. */
  static List<String[]> list() {
    List<String[]> all = new ArrayList<>();
    for (String line : resource("samples/index.txt").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String provider = line.substring(0, line.indexOf('/'));
      String event = line.substring(line.indexOf('/') + 1, line.length() - ".json".length());
      all.add(new String[] {provider, event.replace('-', '/')});
    }
    return all;
  }

  /** The sample, filled in; IllegalArgumentException lists what there is when there is no such one. */
  static Sample load(String provider, String event) {
    String p = provider.toLowerCase(Locale.ROOT);
    String name = "samples/" + p + "/" + event.replace('/', '-') + ".json";
    if (Samples.class.getClassLoader().getResource(name) == null) {
      StringBuilder known = new StringBuilder();
      for (String[] s : list()) {
        if (s[0].equals(p)) {
          known.append(known.length() == 0 ? "" : ", ").append(s[1]);
        }
      }
      throw new IllegalArgumentException("no sample " + provider + " " + event + (known.length() == 0
          ? "; inlet trigger --list shows the samples"
          : "; " + provider + " has: " + known));
    }
    String filled = fill(resource(name));
    try {
      JsonNode sample = Api.JSON.readTree(filled);
      Map<String, String> headers = new LinkedHashMap<>();
      sample.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
      byte[] body = sample.has("form")
          ? sample.get("form").asText().getBytes(StandardCharsets.UTF_8)
          : Api.JSON.writeValueAsBytes(sample.get("body"));
      return new Sample(p, event, sample.path("contentType").asText("application/json"), headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }

  /** Each placeholder gets one value per sample: the same {{id}} everywhere in it. */
  static String fill(String template) {
    Instant now = Instant.now();
    Map<String, String> values = new HashMap<>();
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String value = values.computeIfAbsent(key, k -> switch (k) {
        case "id" -> random(ALNUM, 24);
        case "ID" -> random(ALNUM.substring(0, 26) + "0123456789", 10);
        case "hex" -> random("0123456789abcdef", 32);
        case "num" -> "5" + random("0123456789", 12);
        case "uuid" -> UUID.randomUUID().toString();
        case "now" -> Long.toString(now.getEpochSecond());
        case "ms" -> Long.toString(now.toEpochMilli());
        case "iso" -> now.truncatedTo(ChronoUnit.SECONDS).toString();
        default -> throw new IllegalStateException("unknown placeholder {{" + k + "}}");
      });
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String random(String alphabet, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static String resource(String name) {
    try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }
}
