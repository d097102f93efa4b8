package dev.inlet.relay.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads {@code openapi/inlet.yaml} for request validation. vertx-openapi refuses response media
 * types outside a fixed list, {@code application/problem+json} and {@code text/event-stream} among
 * them; it validates requests only, so the loaded copy reads them as {@code application/json} and
 * {@code text/plain}. The inbound path
 * {@code /in/{endpointId}} takes any body and is served by {@link InboundRoutes}, so the copy leaves
 * it out.
 */
final class Contract {
  static final String RESOURCE = "openapi/inlet.yaml";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String EVENT_STREAM = "text/event-stream";
  static final String INBOUND_PATH = "/in/{endpointId}";

  /** The contract for the router, and its raw document for the checks we run ourselves. */
  record Loaded(OpenAPIContract contract, JsonObject raw) {}

  private Contract() {}

  static Future<OpenAPIContract> load(Vertx vertx) {
    return loadWithRaw(vertx).map(Loaded::contract);
  }

  static Future<Loaded> loadWithRaw(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).compose(buffer -> {
      Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(buffer.toString());
      JsonObject contract = new JsonObject(yaml);
      contract.getJsonObject("paths").remove(INBOUND_PATH);
      String accepted = contract.encode().replace(PROBLEM_JSON, "application/json").replace(EVENT_STREAM, "text/plain");
      JsonObject raw = new JsonObject(accepted);
      return OpenAPIContract.from(vertx, raw.copy()).map(loaded -> new Loaded(loaded, raw));
    });
  }
}
