package dev.bitquark.app.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.bitquark.app.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real UI in Debian's Chromium, under the server's Content-Security-Policy: it asks for the
 * password, logs in through its form, names the product and goes live over the WebSocket.
 */
@QuarkusTest
class WebUiBrowserTest {
    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void launch() {
        assertTrue(Browsers.chromiumInstalled(), "Debian chromium must be installed at " + Browsers.CHROMIUM
                + " (apt-get install chromium; .ci/run does it)");
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Fills the login form the UI shows without a session and submits it. */
    static void logIn(Page page, String password) {
        assertThat(page.getByTestId("login-form")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    /** Collects page errors and Content-Security-Policy violations reported on the console. */
    static List<String> watchErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onPageError(errors::add);
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                errors.add(m.text());
            }
        });
        return errors;
    }

    @Test
    void showsProductVersionAndConnectedIndicator() throws Exception {
        try (Page page = browser.newPage()) {
            List<String> errors = watchErrors(page);
            Response r = page.navigate(root.toString());
            assertEquals(200, r.status());
            assertTrue(r.headers().get("content-security-policy").contains("default-src 'self'"));
            logIn(page, TestAuth.PASSWORD);
            assertThat(page.getByTestId("connection-status"))
                    .hasText("Live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(page.locator("body")).containsText("bitquark");
            assertThat(page.locator("body")).containsText("0.1.0");
            Path shots = Path.of("target/screenshots");
            Files.createDirectories(shots);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("home.png")).setFullPage(true));

            page.reload();
            assertThat(page.getByTestId("connection-status"))
                    .hasText("Live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertEquals(0, page.getByTestId("login-form").count(), "the session cookie keeps the browser logged in");
            assertTrue(errors.isEmpty(), "page errors: " + errors);
        }
    }

    @Test
    void wrongPasswordIsShownAndTheFormStays() throws Exception {
        try (Page page = browser.newPage()) {
            page.navigate(root.toString());
            logIn(page, "not-the-password");
            assertThat(page.getByTestId("login-error")).hasText("Wrong password.",
                    new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertEquals(0, page.getByTestId("connection-status").count());
            Files.createDirectories(Path.of("target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/login.png")));
        }
    }

    @Test
    void deepLinksServeTheApp() {
        try (Page page = browser.newPage()) {
            Response r = page.navigate(root.toString() + "t/0123456789abcdef0123456789abcdef01234567/files");
            assertEquals(200, r.status());
            logIn(page, TestAuth.PASSWORD);
            assertThat(page.getByTestId("connection-status"))
                    .hasText("Live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        }
    }

    @Test
    void swaggerUiWorksUnderItsOwnPolicy() {
        try (Page page = browser.newPage()) {
            List<String> errors = watchErrors(page);
            Response r = page.navigate(root.toString() + "q/swagger-ui/");
            assertEquals(200, r.status());
            assertThat(page.locator(".swagger-ui .info")).containsText("bitquark API",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            assertThat(page.locator("#swagger-ui")).containsText("/api/v1/version");
            assertTrue(errors.isEmpty(), "page errors: " + errors);
        }
    }
}
