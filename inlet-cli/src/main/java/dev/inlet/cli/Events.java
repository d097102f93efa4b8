package dev.inlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inlet events list|show|tail}: what arrived. Reads only: nothing is leased, acked or changed. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Stored events (what providers sent): list, show, tail. Reads only; leases nothing.",
    subcommands = {Events.ListEvents.class, Events.Show.class, Events.Tail.class})
final class Events {
  /** The filters of list and tail. */
  static final class Filters {
    @Option(names = "--endpoint", paramLabel = "ID", description = "Only this endpoint's (ep_…).")
    String endpoint;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Only those routed to QUEUE.")
    String queue;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this event type, exactly (invoice.paid).")
    String type;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "pending, dead or settled.")
    String outcome;

    Map<String, Object> query() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("endpoint", endpoint);
      q.put("queue", queue);
      q.put("type", type);
      q.put("outcome", outcome);
      return q;
    }
  }

  static final String[] COLUMNS = {"/receivedAt", "/id", "/type", "/endpointName", "/size"};

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List events, newest first.")
  static final class ListEvents extends ApiCommand {
    @ArgGroup(exclusive = false)
    Filters filters = new Filters();

    @Option(names = "--from", paramLabel = "TIME", description = "Received at or after (ISO-8601, or 30m, 2h, 7d ago).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Received before.")
    String to;

    @ArgGroup(exclusive = false)
    Admin.Paging paging = new Admin.Paging();

    @Override
    int run(Api api) {
      Map<String, Object> q = filters.query();
      q.put("from", from == null ? null : Times.parse(from).toString());
      q.put("to", to == null ? null : Times.parse(to).toString());
      q.putAll(Admin.paging(paging.limit, paging.cursor));
      return page(api.get(Api.query("v1/events", q)), COLUMNS);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show an event: headers, body as received, type, where it was routed.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "evt_…")
    String id;

    @Option(names = "--body", description = "Print only the body, its exact bytes (for piping).")
    boolean body;

    @Override
    int run(Api api) throws Exception {
      if (!body) {
        return show(api.get("v1/events/" + Api.enc(id)));
      }
      byte[] bytes = api.bytes("v1/events/" + Api.enc(id) + "/body");
      PrintStream raw = System.out;
      raw.write(bytes);
      raw.flush();
      return Exit.OK;
    }
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print events as they arrive (polls the event search; leases nothing). Ctrl-C stops.")
  static final class Tail extends ApiCommand {
    @ArgGroup(exclusive = false)
    Filters filters = new Filters();

    @Option(names = "--since", paramLabel = "TIME", description = "Start here (ISO-8601 or 5m ago; default: now).")
    String since;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
        description = "Seconds between polls (default ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--count", paramLabel = "N", hidden = true, description = "Stop after N events (tests).")
    Integer count;

    @Override
    int run(Api api) throws Exception {
      Set<String> seen = new HashSet<>();
      Deque<String> order = new ArrayDeque<>();
      Instant from;
      if (since != null) {
        from = Times.parse(since);
      } else {
        // What is there already is not news: remember it, print only what comes after (the relay's
        // clock decides, not this machine's).
        Map<String, Object> q = filters.query();
        q.put("limit", 100);
        JsonNode page = api.get(Api.query("v1/events", q));
        JsonNode items = page.path("items");
        from = items.isEmpty() ? Instant.now().minusSeconds(60)
            : Instant.parse(items.get(0).path("receivedAt").asText()).minusSeconds(1);
        for (JsonNode event : items) {
          seen.add(event.path("id").asText());
          order.add(event.path("id").asText());
        }
      }
      boolean lost = false;
      int printed = 0;
      done("tailing events at " + api.base() + " (Ctrl-C stops)");
      while (!Thread.currentThread().isInterrupted()) {
        List<JsonNode> fresh = new ArrayList<>();
        try {
          Map<String, Object> q = filters.query();
          q.put("from", from.toString());
          q.put("limit", 100);
          JsonNode page = api.get(Api.query("v1/events", q));
          if (lost) {
            done(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " reconnected to " + api.base());
            lost = false;
          }
          for (JsonNode event : page.path("items")) {
            if (seen.add(event.path("id").asText())) {
              fresh.add(event);
              order.add(event.path("id").asText());
            }
          }
        } catch (Api.Unreachable e) {
          if (!lost) {
            done(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " lost the relay: " + e.getMessage() + "; retrying");
            lost = true;
          }
        }
        Collections.reverse(fresh); // the page is newest first
        for (JsonNode event : fresh) {
          if (json) {
            out().println(event.toString());
          } else {
            out().println(event.path("receivedAt").asText() + "  " + event.path("id").asText() + "  "
                + event.path("type").asText("-") + "  " + event.path("endpointName").asText("-") + "  "
                + event.path("size").asText() + "B");
          }
          out().flush();
          Instant at = Instant.parse(event.path("receivedAt").asText());
          // The search's from is inclusive: keep a second's overlap, the seen set drops repeats.
          if (at.minusSeconds(1).isAfter(from)) {
            from = at.minusSeconds(1);
          }
          if (count != null && ++printed >= count) {
            return Exit.OK;
          }
        }
        while (order.size() > 10_000) {
          seen.remove(order.removeFirst());
        }
        Thread.sleep(Duration.ofMillis((long) (interval * 1000)).toMillis());
      }
      return Exit.OK;
    }
  }
}
