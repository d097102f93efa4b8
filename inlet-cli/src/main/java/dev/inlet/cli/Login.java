package dev.inlet.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code inlet login}: the relay URL and a token into the profile file (mode 600), the token read from stdin. */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Save the relay URL and a token to the profile file (mode 600).", "",
        "Later commands then need neither INLET_URL nor INLET_TOKEN. The token is read from the terminal without "
            + "echo, or from stdin (inlet login --url https://relay.example.com < token.txt); never from the "
            + "command line."},
    usageHelpAutoWidth = true)
final class Login implements Callable<Integer> {
  @Option(names = "--url", paramLabel = "URL", defaultValue = Connection.DEFAULT_URL,
      description = "The relay (default ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--profile", paramLabel = "PATH",
      description = "Where to write (default: INLET_PROFILE, else ~/.config/inlet/profile).")
  Path profile;

  @Override
  public Integer call() throws Exception {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("the relay URL must start with http:// or https://: " + url);
    }
    String token;
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Token for %s (not echoed): ", url);
      token = typed == null ? "" : new String(typed).strip();
    } else {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      token = line == null ? "" : line.strip();
    }
    if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("no token read (give one token on stdin)");
    }
    Path path = profile != null ? profile : Profile.defaultPath(Connection.env);
    Profile.write(path, url, token);
    System.err.println("saved " + url + " and the token to " + path + " (mode 600)");
    return Exit.OK;
  }
}
