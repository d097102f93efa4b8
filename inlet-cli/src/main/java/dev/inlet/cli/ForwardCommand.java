package dev.inlet.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inlet forward}: a queue's messages POSTed to a URL, exact bytes and headers; ack on 2xx. */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = {"Stream a queue to a URL: exact bytes and headers, ack on 2xx.", "",
        "POSTs each message to --to with the provider's headers and exact bytes; acks on 2xx, nacks otherwise "
            + "(the relay retries with backoff). One line per delivery on stdout; the relay being reached, lost and "
            + "regained on stderr. The token needs consume:QUEUE or admin."},
    usageHelpAutoWidth = true,
    footer = {"", "Exit status: 0 stopped, 2 bad usage or token file, 3 token refused (401/403),",
        "             4 no such queue (404), 1 stream refused otherwise."})
final class ForwardCommand implements Callable<Integer> {
  @Mixin
  Connection connection;

  @Mixin
  Forwarding forwarding;

  @Option(names = "--queue", required = true, paramLabel = "QUEUE", description = "The queue to stream.")
  String queue;

  @Option(names = {"--to", "--forward-to"}, required = true, paramLabel = "URL",
      description = "Where to POST each payload, such as http://localhost:3000/hooks.")
  URI to;

  @Override
  public Integer call() throws Exception {
    return forwarding.run(connection.url(), connection.token(), queue, to, null);
  }
}
