package dev.inlet.relay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statements can run on a database distributed by tenant (Citus, issue 14), as far as their
 * text shows: read from the string constants of every {@code *Sql} class, none names a row by
 * {@code ctid}, which is unique only within one shard.
 */
class StatementsTest {
  private static final Pattern CTID = Pattern.compile("\\bctid\\b", Pattern.CASE_INSENSITIVE);

  @Test
  void noStatementNamesARowByItsCtid() throws Exception {
    List<String> found = new ArrayList<>();
    for (Field constant : constants()) {
      if (CTID.matcher((String) constant.get(null)).find()) {
        found.add(constant.getDeclaringClass().getSimpleName() + "." + constant.getName());
      }
    }
    assertThat(found).isEmpty();
  }

  /** The check itself reads every statement class and finds a ctid where there is one. */
  @Test
  void everyStatementClassIsReadAndACtidIsSeen() throws Exception {
    List<String> names = constants().stream()
        .map(field -> field.getDeclaringClass().getSimpleName() + "." + field.getName()).toList();
    assertThat(names).contains("HousekeepingSql.PURGE_DEDUPE_KEYS", "AttemptSql.PURGE", "RequestLogSql.PURGE",
        "RequestLogSql.WRITE", "ReplaySql.CLAIM", "MessageSql.LEASE_MANY");
    assertThat(CTID.matcher("delete from t where ctid in (select ctid from t limit 1)").find()).isTrue();
    assertThat(CTID.matcher("select actid, ctid_count from t").find()).isFalse();
  }

  /** The static String fields of every {@code *Sql} class of this package. */
  private static List<Field> constants() throws IOException, ClassNotFoundException {
    Path classes = Path.of(StatementsTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .resolveSibling("classes").resolve(StatementsTest.class.getPackageName().replace('.', '/'));
    List<Field> fields = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("[A-Za-z]+Sql\\.class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        for (Field field : Class.forName(StatementsTest.class.getPackageName() + "." + name).getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
            field.setAccessible(true);
            fields.add(field);
          }
        }
      }
    }
    return fields;
  }
}
