package dev.bitquark.app.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts Debian's Chromium through Playwright: never a downloaded browser. Headless, and with the
 * background-networking features off, because this machine has no network beyond loopback.
 */
public final class Browsers {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BITQUARK_CHROMIUM", "/usr/bin/chromium"));

    private Browsers() {
    }

    public static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser chromium(Playwright pw) {
        return pw.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }
}
