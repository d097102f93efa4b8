package dev.inlet.relay.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of providers. Adding one is a class implementing {@link Provider}, a line here, its
 * name in the {@code Scheme} enum of openapi/inlet.yaml, its tests and its recipe in
 * docs/providers.md.
 */
public final class Providers {

  private static final List<Provider> ALL = List.of(
      new GithubProvider(),
      new StripeProvider(),
      new StandardWebhooksProvider(),
      new ShopifyProvider(),
      new SlackProvider(),
      new ZoomProvider(),
      new PaddleProvider(),
      new SquareProvider(),
      new TwilioProvider(),
      new GitlabProvider(),
      new LinearProvider(),
      new IntercomProvider(),
      new PagerDutyProvider(),
      new BitbucketProvider(),
      new TypeformProvider(),
      new HubSpotProvider(),
      new WorkosProvider(),
      new DiscordProvider(),
      new SendgridProvider(),
      new MailgunProvider(),
      new TwitchProvider(),
      new OktaProvider(),
      new AsanaProvider(),
      new LemonSqueezyProvider(),
      new ZendeskProvider(),
      new CalendlyProvider(),
      new SentryProvider(),
      new RazorpayProvider(),
      new MuxProvider(),
      new VercelProvider(),
      new HmacProvider(),
      new BasicProvider(),
      new BearerProvider(),
      new NoneProvider());

  private static final Map<String, Provider> BY_NAME = index();

  private Providers() {}

  public static Optional<Provider> byName(String name) {
    return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
  }

  /** The provider named so; for names that were checked when the endpoint was written. */
  public static Provider require(String name) {
    return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown scheme: " + name));
  }

  /** Every provider's name, in registration order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  private static Map<String, Provider> index() {
    Map<String, Provider> byName = new LinkedHashMap<>();
    for (Provider provider : ALL) {
      if (byName.put(provider.name(), provider) != null) {
        throw new IllegalStateException("two providers named " + provider.name());
      }
    }
    return byName;
  }
}
