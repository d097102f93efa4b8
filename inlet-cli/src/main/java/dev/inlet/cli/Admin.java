package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inlet endpoints|queues|tokens|tenants|events|replay|redrive|pause|resume}: the admin API. */
final class Admin {
  private Admin() {}

  static Map<String, Object> paging(Integer limit, String cursor) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("limit", limit);
    q.put("cursor", cursor);
    return q;
  }

  /** Paging options of every list. */
  static final class Paging {
    @Option(names = "--limit", paramLabel = "N", description = "At most N (1-100; the relay's default 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The next page, as the last list said.")
    String cursor;
  }

  // ---------------------------------------------------------------- endpoints

  @Command(name = "endpoints", mixinStandardHelpOptions = true,
      description = "Inbound endpoints: where a provider posts, how it is verified, which queues it routes to.",
      subcommands = {EndpointsCreate.class, EndpointsList.class, EndpointsShow.class, EndpointsDelete.class})
  static final class Endpoints {
  }

  /** A provider's signing secret, never in argv unless asked for. */
  static final class SecretSource {
    @Option(names = "--secret-env", paramLabel = "VAR",
        description = "Read the provider's signing secret from environment variable VAR.")
    String env;

    @Option(names = "--secret-file", paramLabel = "PATH", description = "Read the provider's signing secret from a file.")
    Path file;

    @Option(names = "--secret", paramLabel = "SECRET",
        description = "The secret itself: discouraged, anyone who can run ps sees it.")
    String value;

    String read() throws java.io.IOException {
      if (env != null) {
        String v = Connection.env.get(env);
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException("environment variable " + env + " is not set");
        }
        return v.strip();
      }
      if (file != null) {
        return Files.readString(file).strip();
      }
      return value;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an endpoint; prints it with the url to paste into the provider's dashboard.")
  static final class EndpointsCreate extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Its name (lower case, digits, - and _).")
    String name;

    @Option(names = {"--provider", "--scheme"}, paramLabel = "SCHEME", defaultValue = "none",
        description = "The provider preset that verifies it (stripe, github, shopify, slack, standard-webhooks, "
            + "… see docs/providers.md; default ${DEFAULT-VALUE}: no verification).")
    String scheme;

    @ArgGroup(exclusive = true)
    SecretSource secret;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Route its events to QUEUE (repeatable).")
    List<String> queues = new ArrayList<>();

    @Option(names = "--data", paramLabel = "JSON|@FILE",
        description = "The whole request body instead (as in openapi/inlet.yaml, createEndpoint).")
    String data;

    @Override
    int run(Api api) throws Exception {
      JsonNode body;
      if (data != null) {
        body = data(data);
      } else {
        ObjectNode o = Api.object().put("name", name);
        ObjectNode verification = o.putObject("verification").put("scheme", scheme);
        String s = secret == null ? null : secret.read();
        if (s != null) {
          verification.putArray("secrets").add(s);
        }
        ArrayNode routes = o.putArray("routes");
        queues.forEach(q -> routes.addObject().put("queue", q));
        body = o;
      }
      JsonNode created = api.post("v1/endpoints", body);
      show(created);
      done("created endpoint " + created.path("id").asText() + "; the provider posts to " + created.path("url").asText());
      return Exit.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List endpoints.")
  static final class EndpointsList extends ApiCommand {
    @ArgGroup(exclusive = false)
    Paging paging = new Paging();

    @Override
    int run(Api api) {
      return page(api.get(Api.query("v1/endpoints", paging(paging.limit, paging.cursor))),
          "/id", "/name", "/verification/scheme", "/enabled", "/url");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an endpoint (its secrets stay write-only).")
  static final class EndpointsShow extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The endpoint's id (ep_…).")
    String id;

    @Override
    int run(Api api) {
      return show(api.get("v1/endpoints/" + Api.enc(id)));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an endpoint; its URL answers 404 from then on.")
  static final class EndpointsDelete extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The endpoint's id (ep_…).")
    String id;

    @Override
    int run(Api api) {
      api.delete("v1/endpoints/" + Api.enc(id));
      done("deleted endpoint " + id);
      return Exit.OK;
    }
  }

  // ---------------------------------------------------------------- queues

  @Command(name = "queues", mixinStandardHelpOptions = true, description = "Queues: create, list, show, delete.",
      subcommands = {QueuesCreate.class, QueuesList.class, QueuesShow.class, QueuesDelete.class})
  static final class Queues {
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a queue.")
  static final class QueuesCreate extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "Its name (lower case, digits, - and _).")
    String name;

    @Option(names = "--lease-seconds", paramLabel = "S", description = "How long a lease lasts (default 30).")
    Integer leaseSeconds;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Attempts before a message is dead (default 10).")
    Integer maxAttempts;

    @Option(names = "--retention-seconds", paramLabel = "S", description = "How long dead messages are kept (default 7 days).")
    Integer retentionSeconds;

    @Override
    int run(Api api) {
      ObjectNode body = Api.object().put("name", name);
      if (leaseSeconds != null) {
        body.put("leaseSeconds", leaseSeconds);
      }
      if (maxAttempts != null) {
        body.put("maxAttempts", maxAttempts);
      }
      if (retentionSeconds != null) {
        body.put("retentionSeconds", retentionSeconds);
      }
      return show(api.post("v1/queues", body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List queues.")
  static final class QueuesList extends ApiCommand {
    @ArgGroup(exclusive = false)
    Paging paging = new Paging();

    @Override
    int run(Api api) {
      return page(api.get(Api.query("v1/queues", paging(paging.limit, paging.cursor))),
          "/name", "/leaseSeconds", "/maxAttempts", "/createdAt");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a queue with its depth.")
  static final class QueuesShow extends ApiCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run(Api api) {
      return show(api.get("v1/queues/" + Api.enc(name)));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a queue and its messages.")
  static final class QueuesDelete extends ApiCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run(Api api) {
      api.delete("v1/queues/" + Api.enc(name));
      done("deleted queue " + name);
      return Exit.OK;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Pause a queue: it leases nothing until resumed (ingest still fills it).")
  static final class Pause extends ApiCommand {
    @Parameters(paramLabel = "QUEUE")
    String name;

    @Override
    int run(Api api) {
      return show(api.post("v1/queues/" + Api.enc(name) + "/pause", null));
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused queue.")
  static final class Resume extends ApiCommand {
    @Parameters(paramLabel = "QUEUE")
    String name;

    @Override
    int run(Api api) {
      return show(api.post("v1/queues/" + Api.enc(name) + "/resume", null));
    }
  }

  @Command(name = "redrive", mixinStandardHelpOptions = true,
      description = "Dead messages back to ready, attempts reset: all of the queue's, or the ids given.")
  static final class Redrive extends ApiCommand {
    @Parameters(index = "0", paramLabel = "QUEUE")
    String name;

    @Parameters(index = "1..*", paramLabel = "MESSAGE_ID", description = "Only these (msg_…).")
    List<String> ids = new ArrayList<>();

    @Override
    int run(Api api) {
      ObjectNode body = Api.object();
      if (!ids.isEmpty()) {
        ArrayNode array = body.putArray("ids");
        ids.forEach(array::add);
      }
      return show(api.post("v1/queues/" + Api.enc(name) + "/redrive", body));
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Start a replay job: stored events received in [--from, --to) become new messages of QUEUE.")
  static final class Replay extends ApiCommand {
    @Parameters(paramLabel = "QUEUE")
    String name;

    @Option(names = "--from", required = true, paramLabel = "TIME",
        description = "Start, an ISO-8601 time (2026-12-01T00:00:00Z) or a duration ago (1h, 30m, 2d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (default: now).")
    String to;

    @Option(names = "--endpoint", paramLabel = "ID", description = "Only this endpoint's events.")
    String endpoint;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type (invoice.paid).")
    String type;

    @Override
    int run(Api api) {
      ObjectNode body = Api.object().put("from", Times.parse(from).toString())
          .put("to", (to == null ? java.time.Instant.now() : Times.parse(to)).toString());
      if (endpoint != null) {
        body.put("endpointId", endpoint);
      }
      if (type != null) {
        body.put("type", type);
      }
      JsonNode job = api.post("v1/queues/" + Api.enc(name) + "/replays", body);
      show(job);
      done("replay " + job.path("id").asText() + " queued; GET /v1/replays/" + job.path("id").asText()
          + " shows its progress");
      return Exit.OK;
    }
  }

  // ---------------------------------------------------------------- tokens

  @Command(name = "tokens", mixinStandardHelpOptions = true, description = "Scoped tokens of this tenant.",
      subcommands = {TokensCreate.class, TokensList.class, TokensShow.class, TokensDelete.class})
  static final class Tokens {
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Mint a token; prints it once (id, token, scopes, expiresAt).")
  static final class TokensCreate extends ApiCommand {
    @Option(names = "--scope", required = true, paramLabel = "SCOPE",
        description = "admin, consume:QUEUE, inspect, … (repeatable; docs/security.md).")
    List<String> scopes;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Lifetime (default one day).")
    Integer ttl;

    @Override
    int run(Api api) {
      ObjectNode body = Api.object();
      ArrayNode array = body.putArray("scopes");
      scopes.forEach(array::add);
      if (ttl != null) {
        body.put("ttlSeconds", ttl);
      }
      return show(api.post("v1/tokens", body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their text).")
  static final class TokensList extends ApiCommand {
    @ArgGroup(exclusive = false)
    Paging paging = new Paging();

    @Override
    int run(Api api) {
      return page(api.get(Api.query("v1/tokens", paging(paging.limit, paging.cursor))),
          "/id", "/scopes", "/expiresAt", "/revoked");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one token (never its text).")
  static final class TokensShow extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "tok_…")
    String id;

    @Override
    int run(Api api) {
      String cursor = null;
      do {
        JsonNode page = api.get(Api.query("v1/tokens", paging(100, cursor)));
        for (JsonNode token : page.path("items")) {
          if (id.equals(token.path("id").asText())) {
            return show(token);
          }
        }
        cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
      } while (cursor != null);
      throw new ApiException(404, Api.object().put("title", "Not found").put("detail", "no token " + id), "");
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Revoke a token; refused from then on.")
  static final class TokensDelete extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "tok_…")
    String id;

    @Override
    int run(Api api) {
      api.delete("v1/tokens/" + Api.enc(id));
      done("revoked token " + id);
      return Exit.OK;
    }
  }

  // ---------------------------------------------------------------- tenants

  @Command(name = "tenants", mixinStandardHelpOptions = true,
      description = "Tenants (with the operator token: INLET_TOKEN=$(cat inlet-data/operator-token)).",
      subcommands = {TenantsCreate.class, TenantsList.class, TenantsShow.class, TenantsDelete.class,
          TenantsAdminToken.class})
  static final class Tenants {
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a tenant; prints its first admin token, shown only here.")
  static final class TenantsCreate extends ApiCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run(Api api) {
      return show(api.post("v1/tenants", Api.object().put("name", name)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants.")
  static final class TenantsList extends ApiCommand {
    @ArgGroup(exclusive = false)
    Paging paging = new Paging();

    @Override
    int run(Api api) {
      return page(api.get(Api.query("v1/tenants", paging(paging.limit, paging.cursor))),
          "/id", "/name", "/status", "/createdAt");
    }
  }

  /** A tenant by id ({@code ten_…}) or by name. */
  static String tenantId(Api api, String idOrName) {
    if (idOrName.startsWith("ten_")) {
      return idOrName;
    }
    String cursor = null;
    do {
      JsonNode page = api.get(Api.query("v1/tenants", paging(100, cursor)));
      for (JsonNode tenant : page.path("items")) {
        if (idOrName.equals(tenant.path("name").asText())) {
          return tenant.path("id").asText();
        }
      }
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    throw new ApiException(404, Api.object().put("title", "Not found").put("detail", "no tenant named " + idOrName), "");
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a tenant, its settings and quotas.")
  static final class TenantsShow extends ApiCommand {
    @Parameters(paramLabel = "TENANT", description = "Its id (ten_…) or name.")
    String tenant;

    @Override
    int run(Api api) {
      return show(api.get("v1/tenants/" + Api.enc(tenantId(api, tenant))));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a tenant and everything it owns (in the background).")
  static final class TenantsDelete extends ApiCommand {
    @Parameters(paramLabel = "TENANT", description = "Its id (ten_…) or name.")
    String tenant;

    @Override
    int run(Api api) {
      api.delete("v1/tenants/" + Api.enc(tenantId(api, tenant)));
      done("deleting tenant " + tenant);
      return Exit.OK;
    }
  }

  @Command(name = "admin-token", mixinStandardHelpOptions = true,
      description = "Mint a new admin token for a tenant (when the first one was lost); prints the token only.")
  static final class TenantsAdminToken extends ApiCommand {
    @Parameters(paramLabel = "TENANT", description = "Its id (ten_…) or name, such as default.")
    String tenant;

    @Override
    int run(Api api) {
      JsonNode minted = api.post("v1/tenants/" + Api.enc(tenantId(api, tenant)) + "/tokens", Api.object());
      if (json) {
        return show(minted);
      }
      out().println(minted.path("token").asText());
      out().flush();
      return Exit.OK;
    }
  }
}
