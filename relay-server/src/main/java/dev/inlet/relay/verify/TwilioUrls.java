package dev.inlet.relay.verify;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * URL handling for Twilio signatures. Twilio may sign the URL with or without an explicit port, so,
 * like Twilio's own validators, both forms are tried.
 */
public final class TwilioUrls {

  private TwilioUrls() {}

  /** The URL without its port and with the scheme's default port (the original is one of them). */
  public static List<String> portVariants(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return List.of(url);
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(authorityStart, authorityEnd);
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > authority.lastIndexOf('@') && colon > authority.lastIndexOf(']');
    String host = hasPort ? authority.substring(0, colon) : authority;
    String head = url.substring(0, authorityStart);
    String tail = url.substring(authorityEnd);

    List<String> variants = new ArrayList<>();
    variants.add(head + host + tail);
    String defaultPort = defaultPort(url.substring(0, schemeEnd));
    if (hasPort) {
      variants.add(url);
    } else if (defaultPort != null) {
      variants.add(head + host + ":" + defaultPort + tail);
    }
    return variants.stream().distinct().toList();
  }

  private static String defaultPort(String scheme) {
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "https":
        return "443";
      case "http":
        return "80";
      default:
        return null;
    }
  }

  /** The first value of a query parameter, decoded. */
  public static Optional<String> queryParam(String url, String name) {
    int question = url.indexOf('?');
    if (question < 0) {
      return Optional.empty();
    }
    int hash = url.indexOf('#', question);
    String query = url.substring(question + 1, hash < 0 ? url.length() : hash);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return Optional.of(decode(eq < 0 ? "" : pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
