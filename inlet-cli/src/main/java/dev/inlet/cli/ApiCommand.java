package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that talks to the relay's API: the connection options, {@code --json}, and output. */
abstract class ApiCommand implements Callable<Integer> {
  @Mixin
  Connection connection;

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print the relay's JSON as it is, not a table.")
  boolean json;

  @Override
  public final Integer call() throws Exception {
    return run(needsApi() ? connection.api() : null);
  }

  /** False for what runs without the relay (such as {@code trigger --list}). */
  boolean needsApi() {
    return true;
  }

  abstract int run(Api api) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** One thing: always JSON. */
  int show(JsonNode node) {
    Output.json(out(), node);
    return Exit.OK;
  }

  /** A page: a table of {@code columns}, or the JSON; says how to get the next page. */
  int page(JsonNode page, String... columns) {
    if (json) {
      Output.json(out(), page);
    } else {
      Output.table(out(), page.path("items"), columns);
    }
    if (page.hasNonNull("nextCursor")) {
      err().println("(more: add --cursor " + page.get("nextCursor").asText() + ")");
      err().flush();
    }
    return Exit.OK;
  }

  /** {@code --data}: inline JSON, or {@code @file}. */
  static JsonNode data(String data) throws IOException {
    String text = data.startsWith("@") ? Files.readString(Path.of(data.substring(1))) : data;
    try {
      return Api.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("--data is not JSON: " + e.getMessage());
    }
  }

  void done(String text) {
    err().println(text);
    err().flush();
  }
}
