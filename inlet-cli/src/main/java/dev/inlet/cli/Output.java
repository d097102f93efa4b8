package dev.inlet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What commands print: pretty JSON for one thing, a table for a list (or JSON with --json). */
final class Output {
  private Output() {}

  static void json(PrintWriter out, JsonNode node) {
    try {
      out.println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** Columns are JSON pointers into each item ({@code /verification/scheme}) headed by their last name. */
  static void table(PrintWriter out, JsonNode items, String... pointers) {
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[pointers.length];
    for (int i = 0; i < pointers.length; i++) {
      head[i] = pointers[i].substring(pointers[i].lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT);
    }
    rows.add(head);
    for (JsonNode item : items) {
      String[] row = new String[pointers.length];
      for (int i = 0; i < pointers.length; i++) {
        JsonNode value = item.at(pointers[i]);
        row[i] = value.isMissingNode() || value.isNull() ? "-" : value.isValueNode() ? value.asText() : value.toString();
      }
      rows.add(row);
    }
    int[] width = new int[pointers.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
