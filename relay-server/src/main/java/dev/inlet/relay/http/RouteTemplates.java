package dev.inlet.relay.http;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request path's route template ({@code /v1/queues/{queue}/next}), from the contract's paths and
 * the inbound route: what the access log writes instead of the raw path, which holds queue names,
 * message ids and the endpoint id (a capability). A path no route has is {@code unmatched}.
 */
public final class RouteTemplates {
  public static final String UNMATCHED = "unmatched";
  public static final String INBOUND = "/in/{endpointId}";

  private record Template(String template, Pattern pattern, int literals) {}

  private final List<Template> templates;

  private RouteTemplates(List<Template> templates) {
    this.templates = templates;
  }

  /** The templates of the contract's {@code paths}, and the inbound one. */
  public static RouteTemplates of(JsonObject contract) {
    List<String> paths = new ArrayList<>(contract.getJsonObject("paths", new JsonObject()).fieldNames());
    if (!paths.contains(INBOUND)) {
      paths.add(INBOUND);
    }
    List<Template> templates = new ArrayList<>();
    for (String path : paths) {
      StringBuilder regex = new StringBuilder();
      int literals = 0;
      for (String segment : path.substring(1).split("/", -1)) {
        regex.append('/');
        if (segment.startsWith("{") && segment.endsWith("}")) {
          regex.append("[^/]+");
        } else {
          regex.append(Pattern.quote(segment));
          literals++;
        }
      }
      templates.add(new Template(path, Pattern.compile(regex.toString()), literals));
    }
    // A literal segment wins over a parameter where two templates would match.
    templates.sort(Comparator.comparingInt(Template::literals).reversed());
    return new RouteTemplates(List.copyOf(templates));
  }

  /** The template {@code path} (without its query) matches, or {@link #UNMATCHED}. */
  public String templateOf(String path) {
    if (path == null) {
      return UNMATCHED;
    }
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Template template : templates) {
      if (template.pattern().matcher(trimmed).matches()) {
        return template.template();
      }
    }
    return UNMATCHED;
  }
}
