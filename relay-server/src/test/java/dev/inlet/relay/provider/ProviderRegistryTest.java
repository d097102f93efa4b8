package dev.inlet.relay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The registry is the one list: the contract and the recipes page must name exactly its providers. */
class ProviderRegistryTest {
  private static final Path ROOT = Path.of("..");

  @Test
  @SuppressWarnings("unchecked")
  void theContractsSchemeEnumIsTheRegistry() throws Exception {
    Map<String, Object> contract = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(ROOT.resolve("openapi/inlet.yaml")));
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) contract.get("components")).get("schemas");
    List<String> schemes = (List<String>) ((Map<String, Object>) schemas.get("Scheme")).get("enum");
    assertThat(schemes).containsExactlyInAnyOrderElementsOf(Providers.names());
  }

  @Test
  void everyProviderHasARowInTheRecipes() throws Exception {
    String recipes = Files.readString(ROOT.resolve("docs/providers.md"));
    for (String name : Providers.names()) {
      assertThat(recipes).as(name).contains("| `" + name + "` |");
    }
  }

  @Test
  void namesAreUniqueAndLookedUpExactly() {
    assertThat(Providers.names()).doesNotHaveDuplicates();
    assertThat(Providers.byName("stripe")).map(Provider::name).contains("stripe");
    assertThat(Providers.byName("Stripe")).isEmpty();
    assertThat(Providers.byName(null)).isEmpty();
  }
}
