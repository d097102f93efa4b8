package dev.inlet.relay.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.Signatures;
import dev.inlet.relay.testing.TestQueue;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console end to end in headless Chromium against a real relay: each step a new user takes
 * (docs/console.md), with a screenshot per test under target/console-screenshots/.
 */
class ConsoleBrowserTest {
  private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserTest.class);

  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Api api = relay.api();
  static Browser browser;
  private String testName;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void screenshot(TestInfo info) {
    browser.screenshot(info.getTestMethod().orElseThrow().getName());
    browser.driver.manage().window().setSize(new Dimension(1280, 800));
  }

  private Api.TenantAccess tenant(String prefix) {
    return relay.newTenant(prefix);
  }

  private void signIn(String token) {
    browser.driver.get(relay.baseUrl() + "/console/");
    browser.driver.executeScript("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    WebElement field = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    field.sendKeys(token);
    browser.driver.findElement(By.id("sign-in")).click();
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scope-badge")));
  }

  private void open(String hash) {
    browser.driver.get(relay.baseUrl() + "/console/#/" + hash);
  }

  private WebElement waitFor(String css) {
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private void waitForText(String css, String text) {
    browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /** Clicks the action, then its confirmation (nothing is sent on the first click). */
  private void confirm(String label, String confirmLabel) {
    browser.driver.findElement(By.xpath("//button[normalize-space()='" + label + "']")).click();
    browser.wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space()='" + confirmLabel + "']"))).click();
  }

  @Test
  void signInShowsTheTenantAndSignOutForgetsTheToken() {
    Api.TenantAccess acme = tenant("signin");
    browser.driver.get(relay.baseUrl() + "/console/");
    browser.driver.executeScript("sessionStorage.clear()");
    browser.driver.get(relay.baseUrl() + "/");
    browser.wait.until(ExpectedConditions.urlContains("/console/"));
    WebElement field = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    // The field has the focus and Enter submits: no mouse needed.
    assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("token");
    browser.driver.switchTo().activeElement().sendKeys("not-a-token" + org.openqa.selenium.Keys.ENTER);
    waitForText(".problem", "expired or revoked");

    signIn(acme.adminToken());
    assertThat(browser.driver.findElement(By.cssSelector(".tenant")).getText()).isEqualTo(acme.name());
    assertThat(browser.driver.findElement(By.id("scope-badge")).getText()).isEqualTo("admin");
    assertThat(browser.driver.executeScript("return sessionStorage.getItem('inlet.console.token')")).isEqualTo(acme.adminToken());
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(acme.adminToken());
    assertThat(browser.driver.manage().getCookies()).isEmpty();
    waitFor(".empty");   // no queues, no endpoints: the empty states say what to do
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("No queues yet.", "curl -X POST");

    List<LogEntry> errors = browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Uncaught"))
        .toList();
    assertThat(errors).as("no CSP violation nor script error").isEmpty();
    browser.screenshot("signed-in-empty");

    browser.driver.findElement(By.id("sign-out")).click();
    waitFor("#token");
    assertThat(browser.driver.executeScript("return sessionStorage.getItem('inlet.console.token')")).isNull();
  }

  @Test
  void anIngestedEventAppearsLiveOnTheOverviewAndInTheEndpointsLog() {
    Api.TenantAccess acme = tenant("live");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    signIn(acme.adminToken());
    waitFor("tr[data-queue='" + queue.name + "']");
    String eventId = queue.ingestJson("{\"type\":\"order.created\",\"id\":\"o-1\"}");
    // No reload: the overview follows by itself.
    waitFor("tr[data-event='" + eventId + "']");
    waitForText("tr[data-queue='" + queue.name + "'] td.ready", "1");
    waitForText("tr[data-endpoint='" + queue.endpointId + "'] td.accepted", "1");
    log.info("console overview loaded its data in {} ms (1 queue, 1 endpoint)",
        browser.driver.executeScript("return document.documentElement.dataset.overviewMs"));
    browser.screenshot("overview");

    browser.driver.findElement(By.cssSelector("tr[data-endpoint='" + queue.endpointId + "'] th a")).click();
    waitFor("#inbound-url");
    assertThat(browser.driver.findElement(By.id("inbound-url")).getText()).endsWith("/in/" + queue.endpointId);
    waitFor(".log a[href='#/events/" + eventId + "']");
    String second = queue.ingestJson("{\"type\":\"order.paid\",\"id\":\"o-2\"}");
    waitFor(".log a[href='#/events/" + second + "']");
  }

  @Test
  void aRefusedRequestShowsItsReason() {
    Api.TenantAccess acme = tenant("refused");
    String endpointId = api.as(acme.adminToken())
        .body(Map.of("name", "github-prod", "verification", Map.of("scheme", "github", "secrets", List.of("right-secret-1234"))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    var refused = relay.inbound().post(endpointId, "{\"zen\":\"hi\"}",
        Map.of("Content-Type", "application/json", "X-GitHub-Event", "ping", "X-GitHub-Delivery", "d-1",
            "X-Hub-Signature-256", "sha256=" + "0".repeat(64)));
    assertThat(refused.statusCode()).isEqualTo(401);
    signIn(acme.adminToken());
    open("endpoints/" + endpointId);
    waitForText(".log td.reason", "signature_mismatch");
    browser.driver.findElement(By.xpath("//tr[contains(@class,'outcome-refused')]//button[normalize-space()='Details']")).click();
    waitForText("tr.details", "x-hub-signature-256");
    assertThat(browser.driver.findElement(By.cssSelector("tr.details")).getText()).contains("{\"zen\":\"hi\"}");
    assertThat(browser.driver.findElement(By.cssSelector("tr.details")).getText()).doesNotContain("right-secret-1234");
  }

  @Test
  void anEventShowsItsPayloadAndItsAttempts() {
    Api.TenantAccess acme = tenant("event");
    String queue = RelayExtension.uniqueName("invoices");
    api.createQueue(acme.adminToken(), queue);
    String endpointId = api.as(acme.adminToken())
        .body(Map.of("name", "stripe-prod", "verification", Map.of("scheme", "stripe", "secrets", List.of("whsec_console")),
            "routes", List.of(Map.of("queue", queue))))
        .post("/v1/endpoints").then().statusCode(201).extract().path("id");
    String body = "{\"id\":\"evt_1QxY\",\"type\":\"invoice.paid\",\"data\":{\"amount\":1.50,\"currency\":\"eur\"}}";
    long now = java.time.Instant.now().getEpochSecond();
    var posted = relay.inbound().post(endpointId, body, Map.of("Content-Type", "application/json",
        "Stripe-Signature", Signatures.stripe("whsec_console", now, body), "Authorization", "Bearer provider-secret-token"));
    assertThat(posted.statusCode()).isEqualTo(202);
    String eventId = new JsonObject(posted.body()).getString("eventId");
    Response next = api.as(acme.adminToken()).get("/v1/queues/" + queue + "/next");
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    api.as(acme.adminToken()).body(Map.of("delaySeconds", 60, "reason", "downstream 503"))
        .post(relay.path(meta.getString("nackUrl"))).then().statusCode(204);

    signIn(acme.adminToken());
    open("events/" + eventId);
    waitForText("#event-body", "\"amount\": 1.50");   // re-indented, the number as sent
    assertThat(browser.driver.findElement(By.id("event-type")).getText()).isEqualTo("invoice.paid");
    String headers = browser.driver.findElement(By.cssSelector("table.headers")).getText();
    assertThat(headers).contains("authorization").doesNotContain("provider-secret-token");
    waitForText("ol.timeline", "nacked");
    assertThat(browser.driver.findElement(By.cssSelector("ol.timeline")).getText()).contains("attempt 1", "downstream 503");

    // Leased again and acked: the message is gone, its attempts are not.
    relay.database().endDelays(acme.id(), queue);
    Response again = api.as(acme.adminToken()).get("/v1/queues/" + queue + "/next");
    api.as(acme.adminToken()).post(relay.path(new JsonObject(again.header("Inlet-Meta")).getString("ackUrl")))
        .then().statusCode(204);
    browser.driver.navigate().refresh();
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("ol.timeline li"), 2));
    assertThat(browser.driver.findElement(By.cssSelector("ol.timeline li:last-child")).getText()).contains("— acked");
    assertThat(browser.driver.findElement(By.cssSelector(".delivery")).getText()).contains("gone", "attempt 2");
    browser.fullPageScreenshot("event");

    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#resend-queue option[value='" + queue + "']")));
    new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("resend-queue"))).selectByValue(queue);
    browser.driver.findElement(By.id("resend")).click();
    waitForText(".notice", "Resent: msg_");
    assertThat(api.read(acme.adminToken(), "/v1/queues/" + queue).path("stats").path("ready").asInt()).isEqualTo(1);
    browser.driver.findElement(By.xpath("//button[normalize-space()='Raw']")).click();
    waitForText("#event-body", "\"amount\":1.50");
    assertThat(browser.driver.findElement(By.id("event-body")).getText()).isEqualTo(body);
  }

  @Test
  void aBodyWithAScriptTagShowsAsText() {
    Api.TenantAccess acme = tenant("xss");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    String body = "<script>window.__inletPwned = 1</script><img src=x onerror=\"window.__inletPwned = 2\"><b>bold</b>";
    String eventId = queue.ingest("text/html", body.getBytes(StandardCharsets.UTF_8));
    signIn(acme.adminToken());
    open("events/" + eventId);
    waitForText("#event-body", "<script>");
    assertThat(browser.driver.findElement(By.id("event-body")).getText()).isEqualTo(body);
    assertThat(browser.driver.findElements(By.cssSelector("#event-body *"))).isEmpty();
    assertThat(browser.driver.executeScript("return window.__inletPwned === undefined")).isEqualTo(true);
  }

  @Test
  void replayingAWindowFollowsTheJobToTheEnd() {
    Api.TenantAccess acme = tenant("replay");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    for (int i = 0; i < 5; i++) {
      queue.ingestJson("{\"n\":" + i + "}");
    }
    api.as(acme.adminToken()).delete("/v1/queues/" + queue.name + "/messages").then().statusCode(200);
    signIn(acme.adminToken());
    open("queues/" + queue.name);
    waitForText("#stat-ready .value", "0");
    browser.driver.findElement(By.id("start-replay")).click();
    waitForText("#replay-state", "done");
    assertThat(browser.driver.findElement(By.id("replay-progress")).getDomProperty("value")).isEqualTo("100");
    assertThat(browser.driver.findElement(By.id("replay-job")).getText()).contains("5 enqueued");
    waitForText("#stat-ready .value", "5");
    assertThat(queue.stats().path("ready").asInt()).isEqualTo(5);
    browser.fullPageScreenshot("queue-replayed");
  }

  @Test
  void redriveBringsADeadMessageBack() {
    Api.TenantAccess acme = tenant("redrive");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    queue.ingestJson("{\"n\":1}");
    Response next = api.as(acme.adminToken()).get("/v1/queues/" + queue.name + "/next");
    JsonObject meta = new JsonObject(next.header("Inlet-Meta"));
    api.as(acme.adminToken()).body(Map.of("reason", "cannot parse")).post(relay.path(meta.getString("rejectUrl")))
        .then().statusCode(204);
    signIn(acme.adminToken());
    open("queues/" + queue.name);
    waitForText("#stat-dead .value", "1");
    confirm("Redrive dead", "Redrive 1");
    waitForText(".notice", "Redriven: 1");
    waitForText("#stat-dead .value", "0");
    assertThat(queue.stats().path("ready").asInt()).isEqualTo(1);
  }

  @Test
  void pauseAndResumeAQueue() {
    Api.TenantAccess acme = tenant("pause");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    signIn(acme.adminToken());
    open("queues/" + queue.name);
    waitForText("#queue-state", "active");
    confirm("Pause", "Pause queue");
    waitForText("#queue-state", "paused");
    assertThat(api.read(acme.adminToken(), "/v1/queues/" + queue.name).path("paused").asBoolean()).isTrue();
    browser.screenshot("queue-paused");
    confirm("Resume", "Resume queue");
    waitForText("#queue-state", "active");
    assertThat(api.read(acme.adminToken(), "/v1/queues/" + queue.name).path("paused").asBoolean()).isFalse();
  }

  @Test
  void mintAndRevokeATokenAndARevokedTokenIsToldSo() {
    Api.TenantAccess acme = tenant("tokens");
    signIn(acme.adminToken());
    open("tokens");
    waitFor("#mint-token").click();
    String minted = waitFor("#minted-token").getText();
    JsonNode me = api.read(minted, "/v1/me");
    assertThat(me.path("scopes").get(0).asText()).isEqualTo("inspect");
    String tokenId = me.path("tokenId").asText();
    waitFor("tr[data-token='" + tokenId + "']");
    browser.screenshot("tokens");
    browser.driver.findElement(By.cssSelector("tr[data-token='" + tokenId + "'] button")).click();
    browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Revoke " + tokenId + "']"))).click();
    waitForText("tr[data-token='" + tokenId + "'] .token-state", "revoked");
    assertThat(api.as(minted).get("/v1/me").statusCode()).isEqualTo(401);

    browser.driver.findElement(By.id("sign-out")).click();
    waitFor("#token").sendKeys(minted);
    browser.driver.findElement(By.id("sign-in")).click();
    waitForText(".problem", "revoked");
  }

  @Test
  void anInspectTokenSeesButCannotAct() {
    Api.TenantAccess acme = tenant("inspect");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    queue.ingestJson("{\"n\":1}");
    browser.driver.get(relay.baseUrl() + "/console/");
    browser.driver.executeScript("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    waitFor("#token").sendKeys(api.mintToken(acme.adminToken(), List.of("consume:" + queue.name)));
    browser.driver.findElement(By.id("sign-in")).click();
    waitForText(".problem", "needs a token with the admin or the inspect scope");

    signIn(api.mintToken(acme.adminToken(), List.of("inspect")));
    assertThat(browser.driver.findElement(By.id("scope-badge")).getText()).isEqualTo("read-only");
    assertThat(browser.driver.findElements(By.xpath("//nav//a[normalize-space()='Tokens']"))).isEmpty();
    open("queues/" + queue.name);
    waitForText("#stat-ready .value", "1");
    assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Pause']"))).isEmpty();
    assertThat(browser.driver.findElements(By.id("start-replay"))).isEmpty();
  }

  @Test
  void createAndEditAnEndpointWithoutSeeingItsSecret() {
    Api.TenantAccess acme = tenant("form");
    String queue = RelayExtension.uniqueName("orders");
    api.createQueue(acme.adminToken(), queue);
    signIn(acme.adminToken());
    waitFor("#new-endpoint").click();
    waitFor("#ep-name").sendKeys("github-prod");
    new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("ep-scheme"))).selectByValue("github");
    browser.driver.findElement(By.id("ep-secrets")).sendKeys("very-secret-value-42");
    browser.driver.findElement(By.id("add-route")).click();
    browser.driver.findElement(By.id("save-endpoint")).click();
    waitForText("h1 .name", "github-prod");
    String endpointId = browser.driver.getCurrentUrl().replaceAll(".*#/endpoints/", "");
    JsonNode created = api.read(acme.adminToken(), "/v1/endpoints/" + endpointId);
    assertThat(created.path("verification").path("secretCount").asInt()).isEqualTo(1);
    assertThat(created.path("routes").get(0).path("queue").asText()).isEqualTo(queue);

    browser.driver.findElement(By.id("edit-endpoint")).click();
    WebElement secrets = waitFor("#ep-secrets");
    assertThat(secrets.getDomProperty("value")).isEmpty();
    assertThat(secrets.getDomAttribute("placeholder")).contains("1 stored");
    assertThat(browser.driver.getPageSource()).doesNotContain("very-secret-value-42");
    WebElement name = browser.driver.findElement(By.id("ep-name"));
    name.clear();
    name.sendKeys("github-main");
    browser.driver.findElement(By.id("save-endpoint")).click();
    waitForText("h1 .name", "github-main");
    JsonNode edited = api.read(acme.adminToken(), "/v1/endpoints/" + endpointId);
    assertThat(edited.path("name").asText()).isEqualTo("github-main");
    assertThat(edited.path("verification").path("secretCount").asInt()).as("the stored secret is kept").isEqualTo(1);
  }

  @Test
  void theOverviewWorksInANarrowWindow() {
    Api.TenantAccess acme = tenant("narrow");
    TestQueue queue = relay.newQueue(acme, Map.of("leaseSeconds", 30));
    queue.ingestJson("{\"type\":\"order.created\"}");
    browser.driver.manage().window().setSize(new Dimension(390, 844));
    signIn(acme.adminToken());
    waitFor("tr[data-queue='" + queue.name + "']");
    Object overflow = browser.driver.executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    assertThat(overflow).as("the page itself does not scroll sideways (tables scroll in their box)").isEqualTo(false);
    browser.screenshot("overview-narrow");
  }
}
