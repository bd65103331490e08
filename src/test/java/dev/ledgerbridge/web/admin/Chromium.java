package dev.ledgerbridge.web.admin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, set explicitly so Selenium Manager never runs and
 * nothing is downloaded. A test class starting one is skipped with a message where they are not installed.
 * Screenshots go to target/screenshots/.
 */
final class Chromium implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Selenium warns once that it has no DevTools bindings for this Chromium; the tests use none. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Chromium(int width, int height) throws IOException {
        this(width, height, false);
    }

    private Chromium(int width, int height, boolean networkLog) throws IOException {
        profile = Files.createTempDirectory("lb-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        if (networkLog) {
            options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /** Skips the calling test class (JUnit assumption) when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "browser tests skipped: /usr/bin/chromedriver and /usr/bin/chromium are not installed"
                        + " (apt-get install chromium chromium-driver; .ci/run does it)");
        CDP_LOG.setLevel(Level.SEVERE);
    }

    static Chromium start(int width, int height) throws IOException {
        return new Chromium(width, height, false);
    }

    /** A browser that records every request it sends, read with {@link #sentRequests()}. */
    static Chromium startRecording(int width, int height) throws IOException {
        return new Chromium(width, height, true);
    }

    /** A request the browser sent: method, address and body (empty when it had none). */
    record Sent(String method, String url, String body) {
    }

    /**
     * Checks the requests sent since the last read: the card number (as typed, whole or in groups of four) went from the
     * browser to the gateway at {@code gatewayBase} and never to Ledgerbridge at {@code ledgerbridgeBase}, which got at
     * least one POST. Returns the requests to Ledgerbridge.
     */
    List<Sent> cardOnlyTo(String gatewayBase, String ledgerbridgeBase, String number) {
        List<Sent> sent = sentRequests();
        List<Sent> toLedgerbridge = sent.stream().filter(s -> s.url().startsWith(ledgerbridgeBase)).toList();
        String grouped = number.substring(0, 4) + " " + number.substring(4, 8);
        org.assertj.core.api.Assertions.assertThat(toLedgerbridge)
                .anySatisfy(s -> org.assertj.core.api.Assertions.assertThat(s.method()).isEqualTo("POST"));
        org.assertj.core.api.Assertions.assertThat(toLedgerbridge).allSatisfy(s -> {
            org.assertj.core.api.Assertions.assertThat(s.body()).doesNotContain(number).doesNotContain(grouped)
                    .doesNotContain(grouped.replace(' ', '+'));
            org.assertj.core.api.Assertions.assertThat(s.url()).doesNotContain(number);
        });
        org.assertj.core.api.Assertions.assertThat(sent).as("the number did go to the gateway, from the browser")
                .anySatisfy(s -> org.assertj.core.api.Assertions.assertThat(s.url()).startsWith(gatewayBase));
        return toLedgerbridge;
    }

    /** The requests sent since the last call (only for {@link #startRecording}). */
    List<Sent> sentRequests() {
        List<Sent> out = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (org.openqa.selenium.logging.LogEntry e : driver.manage().logs().get("performance")) {
            try {
                com.fasterxml.jackson.databind.JsonNode m = json.readTree(e.getMessage()).path("message");
                if (m.path("method").asText().equals("Network.requestWillBeSent")) {
                    com.fasterxml.jackson.databind.JsonNode r = m.path("params").path("request");
                    StringBuilder body = new StringBuilder(r.path("postData").asText(""));
                    for (com.fasterxml.jackson.databind.JsonNode part : r.path("postDataEntries")) {
                        body.append(new String(java.util.Base64.getDecoder().decode(part.path("bytes").asText("")),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                    out.add(new Sent(r.path("method").asText(), r.path("url").asText(), body.toString()));
                }
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
    }

    /** The element once it is visible (waits up to 10 s). */
    /** Opens a staff page, signs in on the login page it leads to, and waits for a page whose URL has {@code back}. */
    void signInThrough(String url, String username, String password, String back) {
        driver.get(url);
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        find("section.login button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains(back));
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("ledgerbridge.target.dir", "target"), "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes a folder and everything in it (a browser profile, a test's data dir); null is nothing. */
    static void deleteTree(Path dir) throws IOException {
        if (dir != null && Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        deleteTree(profile);
    }
}
