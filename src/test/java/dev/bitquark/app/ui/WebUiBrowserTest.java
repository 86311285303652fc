package dev.bitquark.app.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
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

/** The real UI in Debian's Chromium: it loads, names the product and goes live over the WebSocket. */
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

    @Test
    void showsProductVersionAndConnectedIndicator() throws Exception {
        try (Page page = browser.newPage()) {
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            Response r = page.navigate(root.toString());
            assertEquals(200, r.status());
            assertThat(page.getByTestId("connection-status"))
                    .hasText("connected", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(page.locator("body")).containsText("bitquark");
            assertThat(page.locator("body")).containsText("0.1.0");
            Path shots = Path.of("target/screenshots");
            Files.createDirectories(shots);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("home.png")).setFullPage(true));
            assertTrue(errors.isEmpty(), "page errors: " + errors);
        }
    }

    @Test
    void deepLinksServeTheApp() {
        try (Page page = browser.newPage()) {
            Response r = page.navigate(root.toString() + "torrents/0123");
            assertEquals(200, r.status());
            assertThat(page.getByTestId("connection-status"))
                    .hasText("connected", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        }
    }
}
