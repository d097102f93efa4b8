package dev.inlet.relay.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver, never a downloaded browser: Selenium
 * Manager is not asked for anything, because both paths are given. A fresh profile per test class.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("inlet.test.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("inlet.test.chromedriver", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100));
  }

  static Browser start() {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IllegalStateException("The console's browser tests need headless Chromium and its driver at "
          + CHROMIUM + " and " + CHROMEDRIVER + ": install the Debian packages with "
          + "'apt-get install -y chromium chromium-driver' (or point -Dinlet.test.chromium and "
          + "-Dinlet.test.chromedriver at them). They are not skipped.");
    }
    try {
      Path profile = Files.createTempDirectory("inlet-console-chromium-");
      System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,800",
          "--user-data-dir=" + profile);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1280, 800));
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole page at this width (the window grown to the page's height, then put back). */
  void fullPageScreenshot(String name) {
    Dimension size = driver.manage().window().getSize();
    long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(3000, height + 140)));
    try {
      screenshot(name);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp profile left behind is harmless
    }
  }
}
