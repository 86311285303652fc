package dev.bitquark.app.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.bitquark.app.ui.TorrentsPage.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.testkit.Percentile;
import dev.bitquark.testkit.ServerApi;
import dev.bitquark.testkit.ServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list at scale (issue: 5,000 torrents, 1,000 changing every second), in Debian's Chromium on
 * the real page. First the real server holds 5,000 torrents (added paused over REST) and the time
 * from its socket opening to the first screen of rows is measured. Then the socket is answered by
 * the test with frames in the server's exact shape (a snapshot of 5,000, then an update of 1,000
 * changed torrents every second), which an idle server cannot produce, while a script scrolls the
 * list. It records every commit's apply time (frames applied and rendered, measured by the page
 * itself, and the part before rendering), long tasks, the frame rate while scrolling, rows in the
 * DOM and the JS heap after a garbage collection, prints them and writes them to
 * docs/ui-scale-figures.txt. The bounds here are loose, for a busy 2-core CI machine; the strict
 * targets are checked against the printed figures. {@code -Dbitquark.uiScaleSeconds=60} runs the
 * full minute (default 20 s).
 */
class WebUiScaleIT {
    static final String PASSWORD = "web-ui-scale-password";
    static final int TORRENTS = 5_000;
    static final int CHANGED = 1_000;

    @TempDir
    static Path work;

    /** Records when the socket opened, when the snapshot arrived, when 5,000 rows were first painted, and long tasks. */
    static final String MEASURE_SCRIPT = """
            (() => {
              window.__bitquarkMeasure = true;
              window.__bqLong = [];
              window.__bqLongAt = [];
              new PerformanceObserver(list => list.getEntries().forEach(e => {
                window.__bqLong.push(e.duration);
                window.__bqLongAt.push(Math.round(e.startTime) + ': ' + Math.round(e.duration) + ' ms');
              }))
                  .observe({ type: 'longtask', buffered: true });
              // What a long frame was spent on (Long Animation Frames: the scripts that ran and for how long).
              window.__bqFrames = [];
              new PerformanceObserver(list => list.getEntries().forEach(e => {
                if (e.duration <= 50) return;
                window.__bqFrames.push({ at: Math.round(e.startTime), duration: Math.round(e.duration),
                  blocking: Math.round(e.blockingDuration),
                  styleAndLayout: e.styleAndLayoutStart ? Math.round(e.startTime + e.duration - e.styleAndLayoutStart) : 0,
                  scripts: e.scripts.map(x => `${x.invoker} ${Math.round(x.duration)} ms`) });
              })).observe({ type: 'long-animation-frame', buffered: true });
              const Real = window.WebSocket;
              window.WebSocket = class extends Real {
                constructor(...a) {
                  super(...a);
                  this.addEventListener('open', () => {
                    window.__bqOpen = performance.now();
                    window.__bqExtensions = this.extensions;
                  });
                  // When the snapshot has arrived in the page (a socket routed by the test carries it
                  // through Playwright's own protocol first, a real server's loopback socket does not).
                  this.addEventListener('message', e => {
                    if (window.__bqHelloAt === undefined) window.__bqHelloAt = performance.now();
                    if (window.__bqSnapshotAt === undefined && typeof e.data === 'string'
                        && e.data.startsWith('{"type":"snapshot"')) window.__bqSnapshotAt = performance.now();
                  });
                }
              };
              new MutationObserver(() => {
                const grid = document.querySelector('[role=grid]');
                if (window.__bqPainted || !grid || !['5000', '5001'].includes(grid.getAttribute('aria-rowcount'))) return;
                requestAnimationFrame(() => { window.__bqPainted = performance.now(); });
              }).observe(document, { subtree: true, childList: true, attributes: true });
            })();""";

    /** Adds {@code count} small paused torrents (distinct content, no tracker: nothing is dialed), four at a time. */
    static void addPaused(ServerApi api, int count) throws Exception {
        assertEquals(0, api.torrents().size()); // the password is hashed once, before the parallel adds
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                adds.add(pool.submit(() -> {
                    byte[] content = new byte[64 + n % 512];
                    new Random(n).nextBytes(content);
                    byte[] torrent = TorrentWriter.singleFile(String.format(Locale.ROOT, "Scale torrent %04d.bin", n),
                            content).pieceLength(16_384).write();
                    HttpResponse<String> r = api.call("POST", "/api/v1/torrents?paused=true", torrent);
                    assertEquals(201, r.statusCode(), r.body());
                    return null;
                }));
            }
            for (Future<?> add : adds) {
                add.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String update(long seq, int second, Random r) {
        StringBuilder out = new StringBuilder(160 * CHANGED).append("{\"type\":\"update\",\"seq\":").append(seq)
                .append(",\"torrents\":[");
        for (int k = 0; k < CHANGED; k++) {
            int i = (second * CHANGED + k) % TORRENTS;
            if (k > 0) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT, "{\"id\":\"%040x\",\"downloadRate\":%d,\"uploadRate\":%d,"
                            + "\"progress\":%.4f,\"etaSeconds\":%d,\"peersConnected\":%d}", i + 1, r.nextInt(1 << 22),
                    r.nextInt(1 << 18), r.nextDouble(), r.nextInt(100_000), r.nextInt(60)));
        }
        return out.append("],\"added\":[],\"removed\":[],\"session\":{\"downloadRate\":").append(r.nextInt(1 << 26))
                .append(",\"uploadRate\":").append(r.nextInt(1 << 22)).append("}}").toString();
    }

    /**
     * The first screen from a real server holding {@value #TORRENTS} torrents, over its own loopback
     * socket: from the socket opening, and from the snapshot arriving, to 5,000 rows painted.
     */
    static double[] firstScreen(ServerProcess server, BrowserContext context, List<String> problems) throws Exception {
        ServerApi api = new ServerApi(server, PASSWORD);
        long addStarted = System.nanoTime();
        addPaused(api, TORRENTS);
        System.out.printf(Locale.ROOT, "UI figure: %d torrents added over REST in %.1f s%n", TORRENTS,
                (System.nanoTime() - addStarted) / 1e9);
        Page real = context.newPage();
        real.onPageError(problems::add);
        real.navigate(server.url("/"));
        real.getByLabel("Password").fill(PASSWORD);
        // -Dbitquark.uiScaleStartProfile=<file>: a CPU profile from the login to the first screen.
        String startProfile = System.getProperty("bitquark.uiScaleStartProfile");
        CDPSession startProfiler = startProfile == null ? null : context.newCDPSession(real);
        if (startProfiler != null) {
            startProfiler.send("Profiler.enable");
            startProfiler.send("Profiler.start");
        }
        real.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        real.waitForFunction("() => window.__bqPainted !== undefined", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        if (startProfiler != null) {
            Files.writeString(Path.of(startProfile), startProfiler.send("Profiler.stop").get("profile").toString());
        }
        double firstScreen = ((Number) real.evaluate("() => window.__bqPainted - window.__bqOpen")).doubleValue();
        double afterSnapshot = ((Number) real.evaluate("() => window.__bqPainted - window.__bqSnapshotAt")).doubleValue();
        String times = "() => ({ hello: window.__bqHelloAt - window.__bqOpen, snapshot: window.__bqSnapshotAt - window.__bqOpen,"
                + " painted: window.__bqPainted - window.__bqOpen, extensions: window.__bqExtensions })";
        System.out.println("UI figure: first screen, times from the socket opening (ms): " + real.evaluate(times));
        // Once more, as a user who opens the page again finds it (the server's socket path no longer cold).
        real.reload();
        real.waitForFunction("() => window.__bqPainted !== undefined", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        double again = ((Number) real.evaluate("() => window.__bqPainted - window.__bqOpen")).doubleValue();
        System.out.println("UI figure: first screen after a reload, times from the socket opening (ms): " + real.evaluate(times));
        real.close();
        return new double[] {firstScreen, afterSnapshot, again};
    }

    @Test
    void fiveThousandTorrentsWithAThousandChangingEverySecond() throws Exception {
        int seconds = Integer.getInteger("bitquark.uiScaleSeconds", 20);
        assertTrue(Browsers.chromiumInstalled(), "Debian chromium must be installed at " + Browsers.CHROMIUM);
        // The launcher's heap option (-Xmx128m, as most tests run it, is too small a heap for 5,000 torrents).
        try (ServerProcess server = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD))
                .heap("-XX:MaxRAMPercentage=25").start();
             Playwright playwright = Browsers.playwright();
             Browser browser = Browsers.chromium(playwright);
             BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            context.addInitScript(MEASURE_SCRIPT);

            // 1. The first screen from a real server holding 5,000 torrents.
            // -Dbitquark.uiScaleFirstScreen=false: only the updates (while profiling them; no first-screen figure).
            boolean measureFirstScreen = Boolean.parseBoolean(System.getProperty("bitquark.uiScaleFirstScreen", "true"));
            double firstScreen = Double.NaN;
            double afterSnapshot = Double.NaN;
            double reloaded = Double.NaN;
            List<String> problems = new ArrayList<>();
            if (measureFirstScreen) {
                double[] first = firstScreen(server, context, problems);
                firstScreen = first[0];
                afterSnapshot = first[1];
                reloaded = first[2];
            }

            // 2. Updates: from here the socket is answered by the test, with a snapshot of 5,000 and then
            // 1,000 changed torrents every second, in the server's exact shape.
            AtomicReference<WebSocketRoute> socket = new AtomicReference<>();
            List<String> fromPage = new CopyOnWriteArrayList<>();
            String snapshot = SyntheticSnapshot.json(TORRENTS);
            context.routeWebSocket(Pattern.compile(".*/api/v1/events"), ws -> {
                ws.onMessage(m -> fromPage.add(m.text()));
                ws.send("{\"type\":\"hello\",\"name\":\"bitquark\",\"version\":\"0.1.0\"}");
                ws.send(snapshot);
                socket.set(ws);
            });
            Page page = context.newPage();
            page.onPageError(problems::add);
            page.navigate(server.url("/"));
            if (!measureFirstScreen) {
                page.getByLabel("Password").fill(PASSWORD);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            } // else the first page's session cookie logs this one in
            page.waitForFunction("() => window.__bqPainted !== undefined", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            // A fresh server shows its first-run guide; out of the way before measuring.
            var wizard = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Welcome to bitquark"));
            assertThat(wizard).isVisible(visible());
            wizard.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Skip"))
                    .click();
            assertThat(wizard).isHidden();
            page.evaluate("() => { performance.clearMeasures(); window.__bqLong = []; window.__bqLongAt = []; window.__bqFrames = []; }");
            // -Dbitquark.uiScaleProfile=<file>: a DevTools CPU profile of the measured part, for finding what costs.
            String profile = System.getProperty("bitquark.uiScaleProfile");
            CDPSession profiler = profile == null ? null : context.newCDPSession(page);
            if (profiler != null) {
                profiler.send("Profiler.enable");
                profiler.send("Profiler.start");
            }
            // -Dbitquark.uiScaleTrace=<file>: a Chrome trace of the measured part (user timings, V8 GC, tasks).
            String trace = System.getProperty("bitquark.uiScaleTrace");
            if (trace != null) {
                browser.startTracing(page, new Browser.StartTracingOptions().setPath(Path.of(trace)).setCategories(List.of(
                        "devtools.timeline", "blink.user_timing", "v8", "disabled-by-default-v8.gc", "toplevel",
                        "disabled-by-default-v8.cpu_profiler")));
            }

            Random random = new Random(7);
            long seq = 1;
            long frames = 0;
            double scrollMs = 0;
            for (int s = 0; s < seconds; s++) {
                socket.get().send(update(++seq, s, random));
                @SuppressWarnings("unchecked")
                Map<String, Object> burst = (Map<String, Object>) page.evaluate("""
                        async (ms) => {
                          let el = document.querySelector('[role=grid]');
                          while (el && el.scrollHeight <= el.clientHeight + 1) el = el.parentElement;
                          let frames = 0, dir = 1;
                          const t0 = performance.now();
                          await new Promise(done => {
                            const step = t => {
                              frames++;
                              el.scrollTop += 90 * dir;
                              if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) dir = -1;
                              if (el.scrollTop <= 0) dir = 1;
                              if (performance.now() - t0 < ms) requestAnimationFrame(step); else done();
                            };
                            requestAnimationFrame(step);
                          });
                          return { frames, ms: performance.now() - t0 };
                        }""", 950);
                frames += ((Number) burst.get("frames")).longValue();
                scrollMs += ((Number) burst.get("ms")).doubleValue();
            }
            page.waitForTimeout(300);
            if (trace != null) {
                browser.stopTracing();
            }
            if (profiler != null) {
                Files.writeString(Path.of(profile), profiler.send("Profiler.stop").get("profile").toString());
            }
            @SuppressWarnings("unchecked")
            List<Number> apply = (List<Number>) page.evaluate(
                    "() => performance.getEntriesByName('bitquark:apply').map(e => e.duration)");
            @SuppressWarnings("unchecked")
            List<Number> reduce = (List<Number>) page.evaluate(
                    "() => performance.getEntriesByName('bitquark:reduce').map(e => e.duration)");
            @SuppressWarnings("unchecked")
            List<Number> longTasks = (List<Number>) page.evaluate("() => window.__bqLong");
            int rows = page.locator("[role=grid] [role=row]").count();
            CDPSession cdp = context.newCDPSession(page);
            cdp.send("HeapProfiler.collectGarbage");
            JsonObject heap = cdp.send("Runtime.getHeapUsage");
            double heapMb = heap.get("usedSize").getAsDouble() / (1 << 20);

            // Hidden, the page asks for the session only; shown again, it takes the snapshot it gets.
            page.evaluate("() => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });"
                    + " document.dispatchEvent(new Event('visibilitychange')); }");
            page.waitForCondition(() -> fromPage.contains("{\"type\":\"visibility\",\"hidden\":true}"));
            page.evaluate("() => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });"
                    + " document.dispatchEvent(new Event('visibilitychange')); }");
            page.waitForCondition(() -> fromPage.contains("{\"type\":\"visibility\",\"hidden\":false}"));

            List<Double> sorted = apply.stream().map(Number::doubleValue).sorted().toList();
            // Nearest rank: p95 of 60 commits is the 57th (this test took the 58th before, one rank stricter).
            double p50 = Percentile.nearestRank(sorted, 0.5);
            double p95 = Percentile.nearestRank(sorted, 0.95);
            double max = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
            List<Double> reduceSorted = reduce.stream().map(Number::doubleValue).sorted().toList();
            double reduceP95 = Percentile.nearestRank(reduceSorted, 0.95);
            long over50 = longTasks.stream().filter(d -> d.doubleValue() > 50).count();
            double longest = longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
            double fps = frames * 1000.0 / scrollMs;
            String figures = String.format(Locale.ROOT, "A real server holding 5,000 torrents: first screen %.0f ms after "
                            + "the socket opened (%.0f ms after the snapshot arrived), %.0f ms on opening the page again. 5,000 torrents, 1,000 changing every second for %d s while "
                            + "scrolling: apply p50 %.1f ms, p95 %.1f ms (before rendering p95 %.1f ms), max "
                            + "%.1f ms (%d commits); long tasks over 50 ms: %d (longest %.0f ms); scrolling %.1f fps; "
                            + "%d rows in the DOM; JS heap after GC %.1f MiB%n", firstScreen, afterSnapshot, reloaded, seconds, p50, p95, reduceP95, max,
                    sorted.size(), over50, longest, fps, rows, heapMb);
            System.out.print("UI figure: " + figures);
            System.out.println("UI figure: apply times in order (ms): " + apply.stream()
                    .map(d -> String.format(Locale.ROOT, "%.1f", d.doubleValue())).toList() + "; before rendering: " + reduce.stream()
                    .map(d -> String.format(Locale.ROOT, "%.1f", d.doubleValue())).toList() + "; long tasks (ms): " + longTasks
                    + "; frames over 50 ms: " + page.evaluate("() => JSON.stringify(window.__bqFrames)"));
            // When each long task and each commit started (ms since the page loaded), to tell which commit a long task was.
            System.out.println("UI figure: long tasks at: " + page.evaluate("() => JSON.stringify(window.__bqLongAt)")
                    + "; commits at: " + page.evaluate("() => JSON.stringify(performance.getEntriesByName('bitquark:apply')"
                    + ".map(e => Math.round(e.startTime) + ': ' + e.duration.toFixed(1)))"));
            Files.writeString(Path.of("docs/ui-scale-figures.txt"), figures);

            assertEquals(List.of(), problems, "no page error");
            assertTrue(sorted.size() >= seconds / 2, "the page applied the updates: " + sorted.size());
            assertTrue(rows <= 70, "virtualized: " + rows + " rows in the DOM");
            assertTrue(!measureFirstScreen || firstScreen < 10_000, "first screen " + firstScreen + " ms");
            assertTrue(p95 < 100, "apply p95 " + p95 + " ms");
            assertTrue(fps > 15, "scrolling at " + fps + " fps");
            assertTrue(heapMb < 300, "JS heap " + heapMb + " MiB");
        }
    }
}
