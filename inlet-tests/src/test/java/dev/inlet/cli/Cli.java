package dev.inlet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code inlet} in-process with an environment of the test's own; what it printed, and its exit status. */
final class Cli {
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();

  Cli(String url, String token, Path config) {
    env.put("INLET_URL", url);
    if (token != null) {
      env.put("INLET_TOKEN", token);
    }
    env.put("XDG_CONFIG_HOME", config.toString());
  }

  Cli env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> before = Connection.env;
    Connection.env = Map.copyOf(env);
    try {
      CommandLine line = Inlet.commandLine();
      line.setOut(new PrintWriter(out, true));
      line.setErr(new PrintWriter(err, true));
      int exit = line.execute(args);
      return new Result(exit, out.toString(), err.toString());
    } finally {
      Connection.env = before;
    }
  }
}
