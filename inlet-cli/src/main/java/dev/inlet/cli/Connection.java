package dev.inlet.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the relay is and which token to send: {@code --url}, else {@code INLET_URL}, else the profile's
 * {@code url}, else {@code http://localhost:8080}; the token from {@code --token-file}, else
 * {@code INLET_TOKEN}, else the profile's {@code token}. Never from argv, where {@code ps} shows it.
 */
final class Connection {
  static final String DEFAULT_URL = "http://localhost:8080";

  @Option(names = "--url", paramLabel = "URL",
      description = "The relay (default: INLET_URL, the profile's url, else " + DEFAULT_URL + ").")
  String url;

  @Option(names = "--token-file", paramLabel = "PATH",
      description = "A file holding the token, mode 600 (default: INLET_TOKEN, else the profile's token).")
  Path tokenFile;

  @Option(names = "--profile", paramLabel = "PATH",
      description = "A profile file with url= and token= lines, mode 600 "
          + "(default: INLET_PROFILE, else ~/.config/inlet/profile).")
  Path profile;

  /** Tests hand their own environment in. */
  static Map<String, String> env = System.getenv();

  URI url() {
    if (url != null) {
      return uri(url);
    }
    String fromEnv = env.get("INLET_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return uri(fromEnv);
    }
    return uri(profile().url().orElse(DEFAULT_URL));
  }

  /** The token, and where it came from (for messages; never the token itself). */
  Token token() {
    if (tokenFile != null) {
      return new Token(TokenFile.read(tokenFile), "--token-file " + tokenFile);
    }
    String fromEnv = env.get("INLET_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Token(fromEnv.strip(), "INLET_TOKEN");
    }
    Profile p = profile();
    return p.token().map(t -> new Token(t, "the profile " + p.path()))
        .orElseThrow(() -> new IllegalArgumentException(
            "no token: export INLET_TOKEN, pass --token-file, or run inlet login"));
  }

  Api api() {
    return new Api(url(), token().value());
  }

  Profile profile() {
    return Profile.read(profile != null ? profile : Profile.defaultPath(env), profile != null);
  }

  private static URI uri(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
      throw new IllegalArgumentException("the relay URL must start with http:// or https://: " + trimmed);
    }
    return URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/");
  }

  record Token(String value, String source) {
    @Override
    public String toString() {
      return "Token[from " + source + "]";
    }
  }
}
