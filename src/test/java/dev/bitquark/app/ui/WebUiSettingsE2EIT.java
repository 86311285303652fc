package dev.bitquark.app.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.bitquark.app.ui.TorrentsPage.text;
import static dev.bitquark.app.ui.TorrentsPage.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.bitquark.testkit.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI beyond the torrents (UI spec 1.6–1.9), end to end: Debian's Chromium driven by
 * Playwright against the packaged server on a fresh data folder. The first-run wizard, a settings
 * round trip with a refused value and a restart badge, a real restart that applies a start setting,
 * the live log and a level change taking effect, the DHT page, the palette and the shortcut sheet,
 * both themes, the phone width, axe-core on every page, and the screenshots of every page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiSettingsE2EIT {
    static final String PASSWORD = "web-ui-settings-e2e-password";
    static final Path SHOTS = Path.of("docs/screenshots");
    static final Pattern LIVE = Pattern.compile("^Live", Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path work;
    ServerProcess server;
    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;
    TorrentsPage ui;
    final List<String> problems = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assertTrue(Browsers.chromiumInstalled(), "Debian chromium must be installed at " + Browsers.CHROMIUM);
        server = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD)).start();
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        page = context.newPage();
        page.onPageError(problems::add);
        page.onConsoleMessage(m -> {
            // A refused login and a refused setting are logged by the browser as failed loads: expected.
            if ("error".equals(m.type()) && !m.text().contains("status of 4")) {
                problems.add(m.text());
            }
        });
        ui = new TorrentsPage(page);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{context, browser, playwright}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
        if (server != null) {
            server.close();
            java.nio.file.Files.createDirectories(Path.of("target"));
            java.nio.file.Files.writeString(Path.of("target/webui-settings-e2e-server.log"), server.log());
        }
    }

    void logIn() {
        page.navigate(server.url("/"));
        assertThat(page.getByTestId("login-form")).isVisible(visible());
        page.getByLabel("Password").fill(PASSWORD);
        ui.button("Log in").click();
        assertThat(ui.connection()).containsText(LIVE, text());
    }

    Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    Locator saveBar() {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Unsaved changes"));
    }

    /** The settings document as the server has it now (through the page's own session). */
    @SuppressWarnings("unchecked")
    Map<String, Object> settings() {
        return (Map<String, Object>) page.evaluate("async () => (await fetch('/api/v1/settings')).json()");
    }

    void theme(String theme) {
        page.evaluate("t => { const p = JSON.parse(localStorage.getItem('bitquark.prefs') || '{}'); p.theme = t;"
                + " localStorage.setItem('bitquark.prefs', JSON.stringify(p)); }", theme);
        page.reload();
        assertThat(page.locator("html")).hasAttribute("data-theme", theme);
    }

    void shot(String name) throws Exception {
        String theme = (String) page.evaluate("() => document.documentElement.dataset.theme");
        int width = page.viewportSize().width;
        ui.screenshot(SHOTS, name + "-" + width + ("dark".equals(theme) ? "-dark" : ""));
    }

    @Test
    @Order(1)
    void theFirstRunWizardIsShownOnceAndWhatItSetsStays() throws Exception {
        logIn();
        Locator wizard = ui.dialog("Welcome to bitquark");
        assertThat(wizard).isVisible(visible());
        assertThat(wizard.getByText(Pattern.compile("Step 1 of 4"))).isVisible();
        shot("wizard");
        A11y.assertNoSeriousViolations(page, "first-run wizard");
        wizard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        // The test server sets the peer port in its environment: shown, locked, and saying why.
        assertThat(wizard.getByLabel("Peer port")).isDisabled();
        assertThat(wizard.getByText(Pattern.compile("Set by environment variable BITQUARK_PEER_PORT"))).isVisible();
        wizard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        wizard.getByLabel("Upload limit").fill("100");
        wizard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        wizard.getByLabel("Theme").selectOption("dark");
        wizard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Finish")).click();
        assertThat(wizard).isHidden();
        assertThat(page.getByText("Setup saved").first()).isVisible(visible());
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");

        page.reload();
        assertThat(ui.connection()).containsText(LIVE, text());
        page.waitForTimeout(1000); // the settings request has answered by now; the wizard must stay away
        assertThat(ui.dialog("Welcome to bitquark")).hasCount(0);
        Map<?, ?> editable = (Map<?, ?>) settings().get("editable");
        assertEquals(102400, ((Number) editable.get("uploadLimit")).intValue());
        assertEquals(true, editable.get("setupDone"));
        theme("light");
    }

    @Test
    @Order(2)
    void aSettingIsSavedAndStaysAcrossAReloadAndARefusedOneShowsOnItsField() throws Exception {
        page.navigate(server.url("/settings/general"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("General").setLevel(2)))
                .isVisible(visible());
        assertThat(saveBar()).hasCount(0);
        field("Torrents checked at once").fill("3");
        assertThat(saveBar()).containsText("1 unsaved change");
        saveBar().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Settings saved").first()).isVisible(visible());
        assertThat(saveBar()).hasCount(0);
        page.reload();
        assertThat(field("Torrents checked at once")).hasValue("3", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasValueOptions().setTimeout(TorrentsPage.WAIT_MS));

        // A client-side check first: out of range, Save stays off.
        field("Torrents checked at once").fill("500");
        assertThat(page.getByText("Enter a number from 1 to 64.")).isVisible();
        assertThat(saveBar().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save"))).isDisabled();
        field("Torrents checked at once").fill("3");
        // The server's own check: a folder outside the download folder, refused on that field.
        field("Default save folder").fill("../../etc");
        saveBar().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(field("Default save folder")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByText(Pattern.compile("inside the download folder")).first()).isVisible(visible());
        shot("settings-error");
        saveBar().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard")).click();
        assertThat(field("Default save folder")).hasValue("");
        assertEquals("", ((Map<?, ?>) settings().get("editable")).get("defaultOutputFolder"));

        // The search covers every section.
        page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search all settings")).fill("turtle");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("3 settings found")))
                .isVisible();
        assertThat(field("Alternative download limit")).isVisible();
        page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search all settings")).fill("");
    }

    @Test
    @Order(3)
    void aStartSettingCarriesARestartBadgeAndARestartAppliesIt() throws Exception {
        page.navigate(server.url("/dht"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("DHT").setLevel(1)))
                .isVisible(visible());
        assertThat(page.getByText("The DHT is off")).hasCount(0);
        shot("dht");
        A11y.assertNoSeriousViolations(page, "DHT page");

        page.navigate(server.url("/settings/bittorrent"));
        Locator dht = field("DHT");
        assertThat(dht).isChecked(new com.microsoft.playwright.assertions.LocatorAssertions.IsCheckedOptions()
                .setTimeout(TorrentsPage.WAIT_MS));
        dht.uncheck();
        assertThat(page.getByText("Restart needed")).isVisible();
        saveBar().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Settings saved; some take effect after a restart").first()).isVisible(visible());
        page.reload();
        assertThat(page.getByText("Restart needed")).isVisible(visible());
        assertThat(field("DHT")).not().isChecked();
        shot("settings-restart");

        // Off the app first: a page left open would retry its socket with a session the restart ends
        // (sessions live in memory), and log those refusals as console errors.
        page.navigate("about:blank");
        server.terminate(Duration.ofSeconds(30));
        server.start();
        logIn();
        problems.removeIf(p -> p.contains("ERR_CONNECTION_REFUSED")); // the page retried while the server was down
        page.navigate(server.url("/dht"));
        assertThat(page.getByText("The DHT is off")).isVisible(visible());
        shot("dht-off");
        A11y.assertNoSeriousViolations(page, "DHT page, off");
        page.navigate(server.url("/settings/bittorrent"));
        assertThat(field("DHT")).not().isChecked(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsCheckedOptions().setTimeout(TorrentsPage.WAIT_MS));
        assertThat(page.getByText("Restart needed")).hasCount(0);
    }

    @Test
    @Order(4)
    void theLiveLogShowsLinesAndALevelChangeTakesEffect() throws Exception {
        page.navigate(server.url("/logs"));
        Locator lines = page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Log lines"));
        assertThat(lines).containsText("bitquark", text());
        shot("logs");
        A11y.assertNoSeriousViolations(page, "logs page");

        // The API logs each level change at INFO, in the category being changed: with it at WARN the
        // line for that change is not written; back at INFO, the next one is.
        String category = "dev.bitquark.app.api";
        Locator add = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Set the level of a category"));
        add.getByLabel("Category name").fill(category);
        add.getByRole(AriaRole.COMBOBOX).selectOption("WARN");
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set level")).click();
        assertThat(page.getByText("Log level of " + category + " set to WARN").first()).isVisible(visible());
        page.getByLabel("Level of " + category).selectOption("INFO");
        assertThat(lines).containsText("log level of '" + category + "' set to INFO", text());
        assertFalse(lines.innerText().contains("log level of '" + category + "' set to WARN"),
                "the WARN change was logged at INFO while the category was at WARN");

        Locator filter = page.getByLabel("Filter", new Page.GetByLabelOptions().setExact(true));
        filter.fill("set to INFO");
        assertThat(page.getByText(Pattern.compile("of .* lines shown"))).isVisible();
        filter.fill("");
    }

    @Test
    @Order(5)
    void thePaletteFindsPagesAndSettingsAndQuestionMarkShowsTheShortcuts() throws Exception {
        page.navigate(server.url("/"));
        assertThat(ui.connection()).containsText(LIVE, text());
        page.keyboard().press("Control+k");
        Locator palette = page.getByRole(AriaRole.DIALOG).filter(new Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.COMBOBOX)));
        assertThat(palette).isVisible(visible());
        page.keyboard().type("checked at once");
        shot("palette");
        A11y.assertNoSeriousViolations(page, "command palette");
        page.keyboard().press("Enter");
        assertThat(field("Torrents checked at once")).isFocused(new com.microsoft.playwright.assertions
                .LocatorAssertions.IsFocusedOptions().setTimeout(TorrentsPage.WAIT_MS));
        assertTrue(page.url().endsWith("/settings/general"), page.url());

        page.navigate(server.url("/"));
        assertThat(ui.connection()).containsText(LIVE, text());
        page.locator("body").press("?");
        Locator sheet = ui.dialog("Keyboard shortcuts");
        assertThat(sheet).isVisible(visible());
        shot("shortcuts");
        A11y.assertNoSeriousViolations(page, "shortcut sheet");
        page.keyboard().press("Escape");
        assertThat(sheet).isHidden();
    }

    @Test
    @Order(6)
    void everyPageInBothThemesAndBothWidthsPassesAxe() throws Exception {
        String[][] pages = {{"/settings/general", "settings"}, {"/settings/speed", "settings-speed"},
                {"/settings/logging", "settings-logging"}, {"/settings/about", "settings-about"},
                {"/logs", "logs"}, {"/dht", "dht-off"}, {"/", "empty"}};
        for (int width : new int[]{1440, 390}) {
            page.setViewportSize(width, width == 390 ? 844 : 900);
            for (String theme : new String[]{"light", "dark"}) {
                theme(theme);
                for (String[] p : pages) {
                    page.navigate(server.url(p[0]));
                    assertThat(ui.connection()).containsText(LIVE, text());
                    page.waitForLoadState();
                    if (!p[0].equals("/")) {
                        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).first())
                                .isVisible(visible());
                    }
                    A11y.assertNoSeriousViolations(page, p[0] + " at " + width + " px, " + theme);
                    shot(p[1]);
                }
            }
        }
        page.setViewportSize(1440, 900);
        theme("light");
        assertTrue(problems.isEmpty(), "no page error or console error: " + problems);
    }

    @Test
    @Order(7)
    void theMenuReachesEveryPageAndLogsOut() {
        page.navigate(server.url("/"));
        assertThat(ui.connection()).containsText(LIVE, text());
        for (String[] item : new String[][]{{"Settings", "/settings"}, {"Logs", "/logs"}, {"DHT", "/dht"}}) {
            ui.button("Menu").click();
            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName(item[0])).click();
            page.waitForURL(Pattern.compile(".*" + item[1] + ".*"));
        }
        ui.button("Menu").click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.getByTestId("login-form")).isVisible(visible());
    }
}
