package dev.inlet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code inlet}: the command line for Inlet (bin/inlet runs {@code inlet-cli/target/inlet.jar}). The
 * relay from {@code --url}/{@code INLET_URL}/the profile, the token from {@code INLET_TOKEN},
 * {@code --token-file} or the profile: never from argv.
 */
@Command(name = "inlet", mixinStandardHelpOptions = true, versionProvider = Inlet.Version.class,
    description = {"Inlet's command line: the dev loop (listen, trigger), forwarding, and the admin API.", "",
        "The relay is --url, else INLET_URL, else the profile's url, else http://localhost:8080; the token is "
            + "--token-file, else INLET_TOKEN, else the profile's (inlet login writes one). Never on the command "
            + "line, where ps shows it."},
    usageHelpAutoWidth = true,
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run inlet COMMAND --help for a command's options.", "", Exit.HELP, Exit.HELP2},
    subcommands = {
        Listen.class, Trigger.class, ForwardCommand.class,
        Admin.Endpoints.class, Admin.Queues.class, Admin.Tokens.class, Admin.Tenants.class, Events.class,
        Admin.Replay.class, Admin.Redrive.class, Admin.Pause.class, Admin.Resume.class,
        Login.class, Inlet.Completion.class})
public final class Inlet {
  private Inlet() {}

  public static void main(String[] args) {
    int code = execute(args);
    System.exit(code);
  }

  /** Runs {@code args} as the {@code inlet} command would; returns its exit status. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Inlet());
    line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("inlet: " + message(e));
      cmd.getErr().flush();
      return exitCode(e);
    });
    line.setParameterExceptionHandler((e, args) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("inlet: " + e.getMessage());
      cmd.getErr().println("(" + cmd.getCommandSpec().qualifiedName() + " --help lists the options)");
      cmd.getErr().flush();
      return Exit.USAGE;
    });
    line.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false);
    return line;
  }

  static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static int exitCode(Exception e) {
    if (e instanceof ApiException api) {
      return Exit.forStatus(api.status());
    }
    if (e instanceof Api.Unreachable) {
      return Exit.UNREACHABLE;
    }
    if (e instanceof IllegalArgumentException || e instanceof IOException) {
      return Exit.USAGE;
    }
    return Exit.REFUSED;
  }

  /** {@code inlet completion}: a bash/zsh completion script ({@code source <(inlet completion)}). */
  @Command(name = "completion", mixinStandardHelpOptions = true,
      description = {"Print a bash/zsh completion script for inlet.", "",
          "  source <(inlet completion)                        # this shell",
          "  inlet completion > /etc/bash_completion.d/inlet   # for good"})
  static final class Completion implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      String script = AutoComplete.bash("inlet", spec.root().commandLine());
      spec.commandLine().getOut().print(script);
      spec.commandLine().getOut().flush();
    }
  }

  /** {@code --version}: the project's version, from the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Inlet.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"inlet " + p.getProperty("version", "unknown")};
    }
  }
}
