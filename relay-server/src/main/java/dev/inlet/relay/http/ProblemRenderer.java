package dev.inlet.relay.http;

import dev.inlet.relay.problem.FieldError;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.problem.QuotaExceeded;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: RFC 9457 {@code application/problem+json}. Unknown
 * failures become a 500 with a correlation id; their details go to the log, never to the client.
 */
public final class ProblemRenderer implements Handler<RoutingContext> {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger log = LoggerFactory.getLogger(ProblemRenderer.class);
  private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+)");

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      log.debug("Failure after the response started: {}", String.valueOf(ctx.failure()));
      ctx.response().reset();
      return;
    }
    render(ctx, toProblem(ctx));
  }

  /** Writes {@code problem} as the response. */
  public static void render(RoutingContext ctx, InletProblem problem) {
    ProblemType type = problem.type();
    JsonObject body = new JsonObject()
        .put("type", type.uri())
        .put("title", type.title())
        .put("status", type.status())
        .put("detail", problem.detail());
    String requestId = RequestIds.of(ctx);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      problem.errors().forEach(e -> errors.add(new JsonObject().put("pointer", e.pointer()).put("detail", e.detail())));
      body.put("errors", errors);
    }
    if (problem instanceof QuotaExceeded quota) {
      body.put("quota", quota.quota()).put("limit", quota.limit());
    }
    HttpServerResponse response = ctx.response().setStatusCode(type.status()).putHeader("Content-Type", CONTENT_TYPE);
    problem.headers().forEach(response::putHeader);
    if (type == ProblemType.UNAUTHORIZED) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"inlet\"");
    }
    response.end(body.encode());
  }

  private static InletProblem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof InletProblem) {
      return (InletProblem) failure;
    }
    if (failure instanceof HttpException && failure.getCause() instanceof ValidatorException) {
      return fromValidation((ValidatorException) failure.getCause());
    }
    if (failure instanceof ValidatorException) {
      return fromValidation((ValidatorException) failure);
    }
    if (failure instanceof DecodeException) {
      return new InletProblem(ProblemType.VALIDATION, "the request body is not valid JSON");
    }
    if (isDatabaseUnreachable(failure)) {
      return new InletProblem(ProblemType.UNAVAILABLE, "the database is not reachable; retry later", List.of(),
          Map.of("Retry-After", "5"));
    }
    int status = failure instanceof HttpException ? ((HttpException) failure).getStatusCode() : ctx.statusCode();
    if (status >= 400 && status < 500) {
      return new InletProblem(ProblemType.forStatus(status), defaultDetail(status));
    }
    // The request id is the correlation id: the client has it (X-Request-Id), the log lines have it.
    String correlationId = RequestIds.of(ctx) != null ? RequestIds.of(ctx) : UUID.randomUUID().toString();
    log.error("Unhandled failure on {} {} [correlationId={}]", ctx.request().method(), ctx.request().path(),
        correlationId, failure);
    return new InletProblem(ProblemType.INTERNAL, "unexpected error; quote correlation id " + correlationId,
        List.of(), Map.of("Inlet-Correlation-Id", correlationId));
  }

  /**
   * The contract's validator reports every schema it tried; clients want the leaves: which field,
   * what is wrong. Parameters are named {@code ?name}; body locations become JSON pointers.
   */
  private static InletProblem fromValidation(ValidatorException e) {
    String parameter = parameterName(e.getMessage());
    Set<FieldError> errors = new LinkedHashSet<>();
    if (e instanceof SchemaValidationException) {
      OutputUnit unit = ((SchemaValidationException) e).getOutputUnit();
      if (unit != null && unit.getErrors() != null) {
        for (OutputUnit error : unit.getErrors()) {
          if (error.getError() != null && !isSummary(error.getError())) {
            errors.add(new FieldError(parameter != null ? parameter : pointer(error.getInstanceLocation()),
                error.getError()));
          }
        }
      }
    }
    if (errors.isEmpty()) {
      String detail = e.getMessage();
      errors.add(new FieldError(parameter != null ? parameter : "/", detail));
    }
    List<FieldError> list = new ArrayList<>(errors);
    FieldError first = list.get(0);
    String detail = list.size() == 1 ? first.pointer() + ": " + first.detail() : list.size() + " problems, first "
        + first.pointer() + ": " + first.detail();
    return new InletProblem(ProblemType.VALIDATION, detail, list, Map.of());
  }

  /** Connection failures (server down, connection lost) are temporary: 503, not 500. */
  private static boolean isDatabaseUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSummary(String error) {
    return error.contains("does not match schema") || error.contains("subschema had errors")
        || error.contains("does not match additional properties schema");
  }

  private static String pointer(String instanceLocation) {
    if (instanceLocation == null || instanceLocation.isEmpty() || "#".equals(instanceLocation)) {
      return "/";
    }
    return instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
  }

  private static String parameterName(String message) {
    Matcher matcher = PARAMETER.matcher(message == null ? "" : message);
    return matcher.find() ? "?" + matcher.group(1) : null;
  }

  private static String defaultDetail(int status) {
    switch (status) {
      case 404: return "no such resource";
      case 405: return "this method is not allowed on this resource";
      case 413: return "the request body is too large";
      case 415: return "the request's content type is not supported here";
      case 401: return "a valid bearer token is required";
      default: return "the request could not be processed";
    }
  }
}
