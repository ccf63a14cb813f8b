package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser for the portal's tests: Debian's chromium driven through its
 * chromedriver, both at fixed paths (never a browser download), in a fresh profile. Pages are
 * opened on a base URL; fields are found by the names the portal gives them; waits are for
 * conditions, with a timeout, never for time. Each screenshot goes to {@code
 * target/screenshots/NAME.png}.
 *
 * <p>Not thread-safe: one test drives it.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** The laptop the portal is designed for. */
  static final Dimension LAPTOP = new Dimension(1366, 900);

  /** A tablet held upright. */
  static final Dimension TABLET = new Dimension(820, 1180);

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final String base;

  /**
   * Why no browser can run here, or empty when chromium and chromedriver are installed; .ci/run
   * installs Debian's chromium and chromium-driver.
   */
  static Optional<String> unavailable() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      return Optional.of(
          "no browser for the portal tests: install Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "), as .ci/run does");
    }
    return Optional.empty();
  }

  Browser(String base, Path profile) {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight());
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(LAPTOP);
  }

  WebDriver driver() {
    return driver;
  }

  /** Signs in on the sign-in page, as a user does, and waits for the page it leads to. */
  Browser signIn(String user, String password) {
    open("/sign-in");
    WebElement name = find("#username");
    name.clear();
    name.sendKeys(user);
    find("#password").sendKeys(password);
    find("form[action='/sign-in'] button[type=submit]").click();
    waitFor(d -> path().startsWith("/sign-in") ? null : Boolean.TRUE);
    return this;
  }

  /** Opens a page of the portal. */
  Browser open(String path) {
    driver.get(base + path);
    return this;
  }

  /** The path of the page shown, with its query. */
  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  WebElement find(String css) {
    return waitFor(d -> d.findElement(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  /** The text of the element. */
  String text(String css) {
    return find(css).getText();
  }

  /** The control of a form field, found by the name the portal gives it. */
  WebElement field(String name) {
    return find("#" + Field.id(name));
  }

  /** Types into a text field, replacing its value. */
  Browser type(String name, String value) {
    WebElement input = field(name);
    input.clear();
    input.sendKeys(value);
    return this;
  }

  /** Sets a field's value directly (a select, or a field whose value has spaces). */
  Browser set(String name, String value) {
    script(
        "const e = arguments[0]; e.value = arguments[1];"
            + " e.dispatchEvent(new Event('change', {bubbles: true}));",
        field(name),
        value);
    return this;
  }

  Browser click(String css) {
    WebElement element = find(css);
    script("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
    return this;
  }

  /** The server's message next to a field, waiting for it to appear. */
  String errorOf(String name) {
    return text("#" + Field.id(name) + "-error");
  }

  /** Waits until the condition holds (answers non-null, non-false) and answers it. */
  <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).ignoring(RuntimeException.class).until(condition::apply);
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** Resizes the window, for the tablet checks. */
  Browser size(Dimension size) {
    driver.manage().window().setSize(size);
    return this;
  }

  /**
   * Saves the page as {@code target/screenshots/NAME.png}, whole: the window grows to the page's
   * height for the shot (at most 4000 pixels), then goes back.
   */
  Path screenshot(String name) {
    Dimension size = driver.manage().window().getSize();
    Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight);");
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(
                size.getWidth(), Math.min(4000, Math.max(size.getHeight(), height.intValue()))));
    try {
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /**
   * Saves one element of the page as {@code target/screenshots/NAME.png}: the pictures of the
   * README and docs/portal.md.
   */
  Path screenshot(String name, String css) {
    WebElement element = find(css);
    script("arguments[0].scrollIntoView({block: 'start'});", element);
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, element.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that no element of the page overflows the window sideways (it reads at that width). */
  void assertNoSidewaysScroll() {
    Number overflow =
        (Number)
            script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow.intValue())
        .as("page wider than the window at " + path())
        .isLessThanOrEqualTo(0);
  }

  /**
   * Asserts that the portal's scripts threw no error since the last call. Answers of 4xx to refused
   * forms are logged by the browser too, and are no script error.
   */
  void assertNoScriptErrors() {
    assertThat(
            consoleErrors().stream()
                .filter(message -> !message.contains("Failed to load resource"))
                .toList())
        .as("errors of the page's scripts")
        .isEmpty();
  }

  /** The errors the page's scripts logged since the last call (JavaScript errors, failed loads). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
