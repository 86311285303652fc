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
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
 * The web UI end to end (UI spec section 3): Debian's Chromium driven by Playwright against the
 * packaged server, downloading from a real libtorrent seeder found through a real opentracker, all
 * on 127.0.0.1. The seeder is throttled so that the states in between can be seen. The tests run
 * in order on one server, as a user would go: log in, add, watch, act, remove. Everything is found
 * by role and label. Screenshots of every view go to {@code docs/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiE2EIT {
    static final String PASSWORD = "web-ui-e2e-password";
    static final String PAYLOAD = "e2e-payload";
    static final String SKIPPED = "readme.txt";
    static final String HIGH = "clip.mkv";
    static final String UNICODE = "Ünïcode ñame.bin";
    static final String SECOND = "second-payload.bin";
    static final String HOSTILE = "<img src=x onerror=alert(1)>\u202Eevil";
    /** The name as shown: the server keeps names safe as paths (markup brackets become _), and shows that. */
    static final String HOSTILE_SHOWN = "img src=x onerror=alert(1)";
    /** Seeder upload rate: the 10 MiB payload takes about 10 s, so progress is seen rising and the seeder connected. */
    static final long RATE = 1L << 20;
    static final Path SHOTS = Path.of("docs/screenshots");
    static final Pattern LIVE = Pattern.compile("^Live", Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path work;
    ServerProcess server;
    OpenTracker tracker;
    LibtorrentPeer seeder;
    HostileTracker hostileTracker;
    Playwright playwright;
    Browser browser;
    BrowserContext context;
    TorrentsPage ui;
    final List<String> problems = new ArrayList<>();
    final AtomicReference<WebSocketRoute> socket = new AtomicReference<>();
    Path torrentFile;
    Path hostileTorrent;
    String secondMagnet;
    String payloadHash;

    @BeforeAll
    void start() throws Exception {
        assertTrue(Browsers.chromiumInstalled(), "Debian chromium must be installed at " + Browsers.CHROMIUM);
        Path seed = work.resolve("seed");
        Path root = seed.resolve(PAYLOAD);
        Payloads.singleFile(root.resolve("video"), HIGH, 6L << 20, 1);
        Payloads.singleFile(root.resolve("extras"), SKIPPED, 300_000, 2);
        Payloads.singleFile(root.resolve("extras/nested/deep"), UNICODE, 2L << 20, 3);
        Files.write(root.resolve("zeros.bin"), new byte[1_500_000]); // NUL bytes only
        Payloads.singleFile(seed, SECOND, 3L << 20, 4);
        torrentFile = work.resolve(PAYLOAD + ".torrent");
        Path secondTorrent = work.resolve(SECOND + ".torrent");
        String hash = LibtorrentPeer.makeTorrent(work, root, torrentFile, 65536);
        payloadHash = hash;
        String secondHash = LibtorrentPeer.makeTorrent(work, seed.resolve(SECOND), secondTorrent, 65536);
        tracker = OpenTracker.start(work, hash, secondHash);
        // The same info-hashes (the announce URL is outside the info dictionary), now with the tracker.
        torrentFile = work.resolve(PAYLOAD + "-tracked.torrent");
        LibtorrentPeer.makeTorrent(work, root, torrentFile, 65536, tracker.httpAnnounceUrl());
        secondTorrent = work.resolve(SECOND + "-tracked.torrent");
        LibtorrentPeer.makeTorrent(work, seed.resolve(SECOND), secondTorrent, 65536, tracker.httpAnnounceUrl());
        secondMagnet = "magnet:?xt=urn:btih:" + secondHash + "&dn=" + SECOND + "&tr=" + tracker.httpAnnounceUrl();

        hostileTracker = HostileTracker.start("<b>tracker</b> says <script>alert(2)</script>");
        hostileTorrent = work.resolve("hostile.torrent");
        Files.write(hostileTorrent, hostileTorrent(hostileTracker.announceUrl()));

        // Engine details (why a connection closed) in the server log, kept in target/ after the run.
        server = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                "QUARKUS_LOG_CATEGORY__DEV_BITQUARK_ENGINE__LEVEL", "DEBUG")).start();
        seeder = LibtorrentPeer.seed(work, seed, List.of(), RATE, torrentFile, secondTorrent);

        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        // Every socket goes through the test, so that one can be dropped mid-download.
        context.routeWebSocket(Pattern.compile(".*/api/v1/events"), ws -> {
            ws.connectToServer();
            socket.set(ws);
        });
        Page page = context.newPage();
        watch(page);
        ui = new TorrentsPage(page);
    }

    /** Page errors, console errors and any dialog (an alert from a name would be one) go to {@link #problems}. */
    void watch(Page page) {
        page.onPageError(problems::add);
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add(m.text());
            }
        });
        page.onDialog(d -> {
            problems.add("a dialog opened: " + d.message());
            d.dismiss();
        });
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{context, browser, playwright, seeder, tracker, hostileTracker}) {
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
            // Kept for reading after the run (the work folder is deleted).
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/webui-e2e-server.log"), server.log());
        }
    }

    /**
     * A torrent whose name and file name hold markup and a bidi override: written by hand, because our
     * own writer refuses names it would not save as given (the server saves them sanitized, and must
     * still show them as they are, as text).
     */
    static byte[] hostileTorrent(String announce) throws Exception {
        byte[] data = new byte[1000];
        byte[] pieceHash = java.security.MessageDigest.getInstance("SHA-1").digest(data);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> str = v -> {
            byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeBytes((b.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeBytes(b);
        };
        out.writeBytes("d".getBytes());
        str.accept("announce");
        str.accept(announce);
        str.accept("info");
        out.writeBytes("d".getBytes());
        str.accept("files");
        out.writeBytes("ld".getBytes());
        str.accept("length");
        out.writeBytes("i1000e".getBytes());
        str.accept("path");
        out.writeBytes("l".getBytes());
        str.accept("<svg onload=alert(3)>.txt");
        out.writeBytes("eee".getBytes());
        str.accept("name");
        str.accept(HOSTILE);
        str.accept("piece length");
        out.writeBytes("i16384e".getBytes());
        str.accept("pieces");
        out.writeBytes("20:".getBytes());
        out.writeBytes(pieceHash);
        out.writeBytes("ee".getBytes());
        return out.toByteArray();
    }

    static com.microsoft.playwright.Locator addButton(com.microsoft.playwright.Locator dialog) {
        return dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add")
                .setExact(true));
    }

    Path downloads() {
        return work.resolve("server/downloads");
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAndTheRightOneShowsTheEmptyList() throws Exception {
        Page page = ui.page;
        page.navigate(server.url("/"));
        assertThat(page.getByTestId("login-form")).isVisible(visible());
        ui.screenshot(SHOTS, "login-1440");
        page.getByLabel("Password").fill("wrong");
        ui.button("Log in").click();
        assertThat(page.getByTestId("login-error")).containsText("Wrong password", text());
        page.getByLabel("Password").fill(PASSWORD);
        ui.button("Log in").click();
        assertThat(ui.connection()).containsText(LIVE, text());
        // A fresh server greets its first visitor with the first-run guide (its own test is WebUiSettingsE2EIT).
        assertThat(ui.dialog("Welcome to bitquark")).isVisible(visible());
        ui.dialog("Welcome to bitquark").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator
                .GetByRoleOptions().setName("Skip")).click();
        assertThat(ui.dialog("Welcome to bitquark")).isHidden();
        assertThat(page.getByText(Pattern.compile("Drop \\.torrent files here"))).isVisible(visible());
        ui.screenshot(SHOTS, "empty-1440");
        problems.clear(); // the browser logs the refused login (401) as a failed resource load: expected
    }

    @Test
    @Order(2)
    void addByUploadWithAFileSkippedAndOneHighThenWatchItCompleteWithoutReload() throws Exception {
        Page page = ui.page;
        ui.button("Add").first().click();
        var dialog = ui.dialog("Add torrents");
        assertThat(dialog).isVisible(visible());
        dialog.getByLabel("Torrent files").setInputFiles(torrentFile);
        assertThat(dialog.getByRole(AriaRole.TREEGRID)).isVisible(visible());
        dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Expand all"))
                .click();
        assertThat(dialog.getByRole(AriaRole.TREEGRID)).containsText(SKIPPED, text());
        dialog.getByLabel("Download " + SKIPPED).uncheck();
        dialog.getByLabel("Priority of " + HIGH).selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("High"));
        ui.screenshot(SHOTS, "add-dialog-1440");
        A11y.assertNoSeriousViolations(page, "add dialog");
        addButton(dialog).click();
        assertThat(dialog).isHidden();

        assertThat(ui.row(PAYLOAD)).isVisible(visible());
        double last = -1;
        boolean sawMiddle = false;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            double p = ui.progress(PAYLOAD);
            assertTrue(p >= last, "progress never goes back: " + last + " → " + p);
            last = p;
            if (p > 0 && p < 100) {
                sawMiddle = true;
                if (socket.get() != null && !dropped) {
                    dropTheSocketMidDownload();
                }
            }
            if (p >= 100) {
                break;
            }
            page.waitForTimeout(200);
        }
        assertEquals(100.0, last, "reached 100 % without a reload");
        assertTrue(sawMiddle, "progress was seen between 0 and 100 %");
        assertThat(ui.row(PAYLOAD)).containsText("Seeding", text());
        var toasts = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Notifications"));
        assertThat(toasts).containsText("Completed: " + PAYLOAD, text());
        assertEquals(1, toasts.getByText("Completed: " + PAYLOAD).count(), "one completion toast");
        Path out = downloads().resolve(PAYLOAD);
        assertEquals(Payloads.sha1(work.resolve("seed").resolve(PAYLOAD).resolve("video").resolve(HIGH)),
                Payloads.sha1(out.resolve("video").resolve(HIGH)));
        assertFalse(Files.exists(out.resolve("extras").resolve(SKIPPED)), "the skipped file is not on disk");
        ui.screenshot(SHOTS, "list-1440");
    }

    boolean dropped;

    /**
     * Mid-download: the socket drops, the UI says it is reconnecting, then resyncs, with no duplicate
     * rows; and the peers tab lists the seeder while it is connected (seeds part once both are complete).
     */
    void dropTheSocketMidDownload() {
        dropped = true;
        socket.get().close();
        assertThat(ui.connection()).containsText(Pattern.compile("reconnecting|connecting", Pattern.CASE_INSENSITIVE), text());
        assertThat(ui.connection()).containsText(LIVE, text());
        assertEquals(1, ui.row(PAYLOAD).count(), "one row per torrent after the resync");
        ui.open(PAYLOAD);
        ui.tab("Peers").click();
        assertThat(ui.tabPanel()).containsText("127.0.0.1", text());
        assertThat(ui.tabPanel()).containsText(Pattern.compile("libtorrent", Pattern.CASE_INSENSITIVE), text());
        try {
            ui.screenshot(SHOTS, "details-peers-1440");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ui.page.keyboard().press("Escape");
        assertThat(ui.tab("Peers")).isHidden();
    }

    @Test
    @Order(3)
    void detailsShowFilesPeersTrackersPiecesAndSpeed() throws Exception {
        Page page = ui.page;
        ui.open(PAYLOAD);
        assertThat(ui.tabPanel()).containsText("Seeding", text());
        assertThat(ui.tabPanel()).containsText(payloadHash, text());
        A11y.assertNoSeriousViolations(page, "overview tab");
        ui.screenshot(SHOTS, "details-overview-1440");

        ui.tab("Files").click();
        ui.tabPanel().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Expand all")).click();
        assertThat(ui.tabPanel()).containsText(UNICODE, text());
        assertThat(ui.tabPanel()).containsText(SKIPPED, text());
        A11y.assertNoSeriousViolations(page, "files tab");
        ui.screenshot(SHOTS, "details-files-1440");

        ui.tab("Peers").click(); // the seeder is listed during the download (see dropTheSocketMidDownload)
        assertThat(ui.tabPanel()).isVisible(visible());
        A11y.assertNoSeriousViolations(page, "peers tab");

        ui.tab("Trackers").click();
        assertThat(ui.tabPanel()).containsText(tracker.httpAnnounceUrl(), text());
        assertThat(ui.tabPanel()).containsText(Pattern.compile("working|ok", Pattern.CASE_INSENSITIVE), text());
        A11y.assertNoSeriousViolations(page, "trackers tab");
        ui.screenshot(SHOTS, "details-trackers-1440");

        ui.tab("Pieces").click();
        assertThat(ui.tabPanel().locator("canvas")).isVisible(visible());
        A11y.assertNoSeriousViolations(page, "pieces tab");
        ui.screenshot(SHOTS, "details-pieces-1440");

        ui.tab("Speed").click();
        assertThat(ui.tabPanel()).isVisible(visible());
        A11y.assertNoSeriousViolations(page, "speed tab");
        ui.screenshot(SHOTS, "details-speed-1440");
        page.keyboard().press("Escape");
    }

    @Test
    @Order(4)
    void pauseShowsPausedAndNoSpeedResumeSeedsAgainRecheckChecks() {
        ui.select(PAYLOAD);
        ui.button("Pause").first().click();
        assertThat(ui.row(PAYLOAD)).containsText("Paused", text());
        assertThat(ui.cell(PAYLOAD, "↓ Speed")).hasText(Pattern.compile("^(–|0 B/s)$"), new com.microsoft.playwright
                .assertions.LocatorAssertions.HasTextOptions().setTimeout(TorrentsPage.WAIT_MS));
        ui.button("Start").first().click();
        assertThat(ui.row(PAYLOAD)).containsText("Seeding", text());
        ui.button("Recheck").first().click();
        // The server samples right after an action, so even a check this short shows.
        assertThat(ui.row(PAYLOAD)).containsText("Checking", text());
        assertThat(ui.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Notifications")))
                .containsText("Rechecking 1 torrent", text());
        assertThat(ui.row(PAYLOAD)).containsText("Seeding", text());
        assertEquals(100.0, ui.progress(PAYLOAD), "every piece verified again");
    }

    @Test
    @Order(5)
    void aPastedMagnetShowsItsMetadataBeingFetchedThenItsFiles() throws Exception {
        ui.page.locator("body").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(1, 1));
        ui.paste(secondMagnet);
        var dialog = ui.dialog("Add torrents");
        assertThat(dialog).isVisible(visible());
        assertThat(dialog.getByRole(AriaRole.TREEGRID)).containsText(SECOND, text());
        addButton(dialog).click();
        try {
            assertThat(ui.row(SECOND)).containsText("Seeding", new com.microsoft.playwright.assertions.LocatorAssertions
                    .ContainsTextOptions().setTimeout(90_000));
        } catch (AssertionError e) {
            String log = server.log();
            throw new AssertionError(e.getMessage() + "\nserver log (end):\n" + log.substring(Math.max(0, log.length() - 20_000))
                    + "\nseeder:\n" + seeder.output(), e);
        }
        assertEquals(1, ui.row(SECOND).count());
    }

    @Test
    @Order(6)
    void aDroppedTorrentWithMarkupInItsNamesAndTrackerMessageShowsItAsText() throws Exception {
        ui.dropFiles(Map.of("hostile.torrent", hostileTorrent));
        var dialog = ui.dialog("Add torrents");
        assertThat(dialog).containsText(HOSTILE_SHOWN, text());
        addButton(dialog).click();
        assertThat(ui.row(HOSTILE_SHOWN)).isVisible(visible());
        assertEquals(0, ui.page.locator("img[src='x']").count(), "no element made from a name");
        ui.open(HOSTILE_SHOWN);
        ui.tab("Trackers").click();
        assertThat(ui.tabPanel()).containsText("<script>alert(2)</script>", text());
        assertEquals(0, ui.tabPanel().locator("b, script").count(), "the tracker's markup made no element");
        ui.page.keyboard().press("Escape");
        assertTrue(problems.isEmpty(), "no dialog, page error or console error: " + problems);
    }

    /**
     * The torrent pages in the dark theme while torrents are there (the payload seeding, the hostile one
     * stalled): the list, a torrent's details and the add dialog, each through axe; then light again.
     */
    @Test
    @Order(7)
    void theTorrentPagesInTheDarkThemePassAxe() throws Exception {
        Page page = ui.page;
        // A torrent that is not in the list, so that the dialog shows it ready to add (never added).
        Path darkSeed = Payloads.multiFile(work.resolve("dark-seed"), "night-payload", 6, 5, 300_000);
        Path darkTorrent = work.resolve("night.torrent");
        LibtorrentPeer.makeTorrent(work, darkSeed, darkTorrent, 65536);

        ui.theme("dark");
        assertThat(ui.connection()).containsText(LIVE, text());
        assertThat(ui.row(PAYLOAD)).containsText("Seeding", text());
        assertThat(ui.row(HOSTILE_SHOWN)).isVisible(visible());
        ui.screenshot(SHOTS, "list-1440-dark");
        A11y.assertNoSeriousViolations(page, "list, dark");

        ui.open(PAYLOAD);
        assertThat(ui.tabPanel()).containsText("Seeding", text());
        assertThat(ui.tabPanel()).containsText(payloadHash, text());
        ui.screenshot(SHOTS, "details-overview-1440-dark");
        A11y.assertNoSeriousViolations(page, "overview tab, dark");
        page.keyboard().press("Escape");
        assertThat(ui.tab("Overview")).isHidden();

        ui.button("Add").first().click();
        var dialog = ui.dialog("Add torrents");
        assertThat(dialog).isVisible(visible());
        dialog.getByLabel("Torrent files").setInputFiles(darkTorrent);
        assertThat(dialog.getByRole(AriaRole.TREEGRID)).isVisible(visible());
        assertThat(dialog).containsText("night-payload", text());
        ui.screenshot(SHOTS, "add-dialog-1440-dark");
        A11y.assertNoSeriousViolations(page, "add dialog, dark");
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();
        assertThat(ui.row("night-payload")).hasCount(0);

        ui.theme("light");
        assertThat(ui.connection()).containsText(LIVE, text());
        assertThat(ui.row(PAYLOAD)).isVisible(visible());
        assertTrue(problems.isEmpty(), "no dialog, page error or console error: " + problems);
    }

    @Test
    @Order(8)
    void bulkSelectionPausesAllAndDeleteAsksFirst() {
        Page page = ui.page;
        ui.select(PAYLOAD);
        ui.row(SECOND).getByRole(AriaRole.GRIDCELL).nth(1).click(new com.microsoft.playwright.Locator.ClickOptions()
                .setModifiers(List.of(com.microsoft.playwright.options.KeyboardModifier.SHIFT)));
        page.keyboard().press("Control+a");
        assertThat(ui.grid().locator("[aria-selected=true]")).hasCount(3);
        ui.button("Pause").first().click();
        assertThat(ui.row(PAYLOAD)).containsText("Paused", text());
        assertThat(ui.row(SECOND)).containsText("Paused", text());
        ui.row(PAYLOAD).focus(); // the list's keys work in the list
        page.keyboard().press("Delete");
        var confirm = page.getByRole(AriaRole.DIALOG);
        assertThat(confirm).isVisible(visible());
        assertThat(confirm.getByRole(AriaRole.CHECKBOX)).not().isChecked();
        page.keyboard().press("Escape");
        assertThat(confirm).isHidden();
        ui.button("Start").first().click();
    }

    @Test
    @Order(9)
    void removeWithFilesDeletesThemAndWithoutKeepsThem() {
        ui.select(SECOND);
        ui.button("Remove…").first().click();
        var confirm = ui.page.getByRole(AriaRole.DIALOG);
        confirm.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Remove")).click();
        assertThat(ui.row(SECOND)).hasCount(0);
        assertTrue(Files.exists(downloads().resolve(SECOND)), "removed without files: the data stays");

        ui.select(PAYLOAD);
        ui.button("Remove…").first().click();
        confirm.getByLabel("Also delete the downloaded files").check();
        confirm.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Remove and delete files")).click();
        assertThat(ui.row(PAYLOAD)).hasCount(0);
        ui.page.waitForCondition(() -> !Files.exists(downloads().resolve(PAYLOAD).resolve("video").resolve(HIGH)));
    }

    @Test
    @Order(10)
    void theListPassesAxeAndWorksWithTheKeyboardOnly() throws Exception {
        Page page = ui.page;
        A11y.assertNoSeriousViolations(page, "list");
        // From the search box, Tab reaches the grid within a bounded number of stops.
        page.keyboard().press("/");
        assertThat(page.getByRole(AriaRole.SEARCHBOX)).isFocused();
        page.keyboard().press("Escape");
        int stops = 0;
        while (!(Boolean) page.evaluate("() => !!document.activeElement.closest('[role=grid] [role=row]')")) {
            assertTrue(++stops < 40, "the grid is reachable with Tab");
            page.keyboard().press("Tab");
        }
        page.keyboard().press("Home");
        page.keyboard().press("Space");
        assertThat(ui.grid().locator("[aria-selected=true]")).hasCount(1);
        page.keyboard().press("Enter");
        assertThat(ui.tab("Overview")).isVisible(visible());
        page.keyboard().press("Escape");
        assertThat(ui.tab("Overview")).isHidden();
    }

    /**
     * The phone (390 × 844, a touch screen): cards instead of the table, a tap opens a torrent's details
     * as a page of their own, the filters and sort in a bottom sheet, a long press (or the card's box)
     * selects and brings the bottom action bar, the floating Add button; both themes; then logging
     * out from the menu. In a context of its own, since touch is set when a context is made.
     */
    @Test
    @Order(11)
    void phoneLayoutScreenshots() throws Exception {
        try (BrowserContext touch = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setHasTouch(true).setIsMobile(true))) {
            Page page = touch.newPage();
            watch(page);
            TorrentsPage phone = new TorrentsPage(page);
            page.navigate(server.url("/"));
            assertThat(page.getByTestId("login-form")).isVisible(visible());
            page.getByLabel("Password").fill(PASSWORD);
            phone.button("Log in").tap();
            assertThat(phone.connection()).containsText(LIVE, text());
            // Logged out, the page's session check is refused (401), which the browser logs: expected.
            assertTrue(problems.stream().allMatch(p -> p.contains("status of 401")), "only the session check: " + problems);
            problems.clear();

            Locator card = phone.card(HOSTILE_SHOWN);
            assertThat(card).isVisible(visible());
            assertThat(phone.grid()).hasCount(0); // cards, not the table
            assertThat(phone.button("Add")).isHidden(); // the header's Add: the floating one instead
            assertThat(phone.button("Add torrents")).isVisible();
            phone.screenshot(SHOTS, "list-390");
            A11y.assertNoSeriousViolations(page, "phone list");

            // A tap opens the details as a page of their own; Back returns to the cards.
            card.tap();
            assertThat(phone.tab("Overview")).isVisible(visible());
            assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(Pattern.compile("^Details of"))))
                    .containsText(HOSTILE_SHOWN, text());
            assertThat(card).isHidden();
            phone.screenshot(SHOTS, "details-390");
            A11y.assertNoSeriousViolations(page, "phone details");
            page.goBack();
            assertThat(phone.tab("Overview")).hasCount(0);
            assertThat(card).isVisible(visible());

            // The filters in the bottom sheet apply at once: its button says how many torrents are left.
            Locator filterButton = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter & sort"));
            filterButton.tap();
            Locator sheet = phone.dialog("Filter and sort");
            assertThat(sheet).isVisible(visible());
            // Once it has slid up: a tap during the slide would scroll the sheet to reach a moving target.
            sheet.evaluate("d => Promise.all(d.getAnimations().map(a => a.finished))");
            sheet.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Paused")).tap();
            assertThat(sheet.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Paused")))
                    .hasAttribute("aria-current", "true");
            assertThat(sheet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show 0 torrents")))
                    .isVisible(visible());
            assertThat(card).hasCount(0); // no paused torrent: the cards behind the sheet are gone
            Locator downloading = sheet.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Downloading"));
            downloading.tap();
            assertThat(downloading).hasAttribute("aria-current", "true");
            Locator show = sheet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show 1 torrent"));
            assertThat(show).isVisible(visible());
            phone.screenshot(SHOTS, "filter-sheet-390");
            A11y.assertNoSeriousViolations(page, "phone filter sheet");
            show.tap();
            assertThat(sheet).isHidden();
            assertThat(card).isVisible(visible());
            assertThat(filterButton).containsText("Downloading"); // the filter in force is never hidden
            filterButton.tap(); // back to all torrents
            assertThat(sheet).isVisible(visible());
            sheet.evaluate("d => Promise.all(d.getAnimations().map(a => a.finished))");
            // The state filter "All" with its count (the sheet also has "All categories" and "All tags").
            sheet.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^All \\d"))).tap();
            sheet.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show 1 torrent")).tap();
            assertThat(sheet).isHidden();
            assertThat(filterButton).not().containsText("Downloading");

            // A long press selects (and does not open); the action bar takes the bottom edge from Add.
            Locator bar = page.getByRole(AriaRole.TOOLBAR, new Page.GetByRoleOptions().setName("Actions for 1 torrent"));
            Locator box = card.getByRole(AriaRole.CHECKBOX);
            phone.longPress(card, 800);
            assertThat(bar).isVisible(visible());
            assertThat(box).isChecked();
            assertThat(bar).containsText("1 selected");
            assertThat(phone.button("Add torrents")).hasCount(0);
            assertThat(phone.tab("Overview")).hasCount(0);
            phone.screenshot(SHOTS, "selection-390");
            A11y.assertNoSeriousViolations(page, "phone selection");
            bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Clear selection")).tap();
            assertThat(bar).hasCount(0);
            assertThat(box).not().isChecked();
            // The card's box selects too.
            box.tap();
            assertThat(bar).isVisible(visible());
            assertThat(box).isChecked();
            bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Clear selection")).tap();
            assertThat(bar).hasCount(0);

            // The floating Add button opens the add dialog.
            phone.button("Add torrents").tap();
            assertThat(phone.dialog("Add torrents")).isVisible(visible());
            phone.screenshot(SHOTS, "add-dialog-390");
            A11y.assertNoSeriousViolations(page, "phone add dialog");
            page.keyboard().press("Escape");
            assertThat(phone.dialog("Add torrents")).isHidden();
            assertThat(card).isVisible(visible());

            // The same in the dark theme: the cards and the details page.
            phone.theme("dark");
            assertThat(phone.connection()).containsText(LIVE, text());
            assertThat(card).isVisible(visible());
            phone.screenshot(SHOTS, "list-390-dark");
            A11y.assertNoSeriousViolations(page, "phone list, dark");
            card.tap();
            assertThat(phone.tab("Overview")).isVisible(visible());
            assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(Pattern.compile("^Details of"))))
                    .containsText(HOSTILE_SHOWN, text());
            phone.screenshot(SHOTS, "details-390-dark");
            A11y.assertNoSeriousViolations(page, "phone details, dark");
            page.goBack();
            assertThat(card).isVisible(visible());
            phone.theme("light");
            assertThat(phone.connection()).containsText(LIVE, text());
            assertTrue(problems.isEmpty(), "no page error or console error: " + problems);

            // Logging out (from the menu) leads back to the login form; the socket closes with the session.
            phone.button("Menu").tap();
            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Log out")).tap();
            assertThat(page.getByTestId("login-form")).isVisible(visible());
            phone.screenshot(SHOTS, "login-390");
        }
    }

    /**
     * The figure the issue asks for: from the socket opening to the list painted with 1,000 torrents.
     * The socket is answered by the test (a snapshot of 1,000 torrents), the page is the real one.
     */
    @Test
    @Order(12)
    void aSnapshotOfAThousandTorrentsIsPaintedSoonAfterTheSocketOpens() throws Exception {
        try (Page page = context.newPage()) {
            page.addInitScript("""
                    (() => {
                      const Real = window.WebSocket;
                      window.WebSocket = class extends Real {
                        constructor(...a) {
                          super(...a);
                          this.addEventListener('open', () => { window.__bqOpen = performance.now(); });
                        }
                      };
                      new MutationObserver(() => {
                        const grid = document.querySelector('[role=grid]');
                        if (window.__bqPainted || !grid || !['1000', '1001'].includes(grid.getAttribute('aria-rowcount'))) return;
                        requestAnimationFrame(() => { window.__bqPainted = performance.now(); });
                      }).observe(document, { subtree: true, childList: true, attributes: true });
                    })();""");
            String snapshot = SyntheticSnapshot.json(1_000);
            page.routeWebSocket(Pattern.compile(".*/api/v1/events"), ws -> {
                ws.send("{\"type\":\"hello\",\"name\":\"bitquark\",\"version\":\"0.1.0\"}");
                ws.send(snapshot);
            });
            page.navigate(server.url("/"));
            page.waitForSelector("[data-testid=login-form], [role=grid]");
            if (page.getByTestId("login-form").count() > 0) { // logged out by an earlier case
                page.getByLabel("Password").fill(PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            }
            page.waitForFunction("() => window.__bqPainted !== undefined", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            double ms = ((Number) page.evaluate("() => window.__bqPainted - window.__bqOpen")).doubleValue();
            int rows = page.locator("[role=grid] [role=row]").count();
            System.out.printf("UI figure: 1,000-torrent snapshot painted %.0f ms after the socket opened; %d rows in the DOM%n",
                    ms, rows);
            Files.writeString(SHOTS.resolve("../ui-figures.txt").normalize(), String.format(
                    "snapshot of 1,000 torrents painted %.0f ms after the socket opened; %d rows in the DOM%n", ms, rows));
            assertTrue(rows <= 60, "virtualized: " + rows + " rows in the DOM");
            assertTrue(ms < 5_000, "painted in " + ms + " ms");
        }
    }
}
