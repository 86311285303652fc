package dev.bitquark.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * axe-core (the copy the UI's npm packages hold) run on the page once its finite animations have ended:
 * no serious or critical violation (UI spec 1.8). It is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the policy under test stays exactly the server's.
 */
final class A11y {
    static final Path AXE = Path.of("src/main/webui/node_modules/axe-core/axe.min.js");
    private static String source;

    private A11y() {
    }

    static synchronized String axe() {
        if (source == null) {
            try {
                source = Files.readString(AXE);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing at " + AXE + " (npm ci in src/main/webui)", e);
            }
        }
        return source;
    }

    @SuppressWarnings("unchecked")
    static void assertNoSeriousViolations(Page page, String where) {
        if (!(Boolean) page.evaluate("() => typeof window.axe !== 'undefined'")) {
            page.evaluate("() => { " + axe() + "\n; window.axe = axe; }");
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  // The settled page: an element fading in (a toast) has the contrast of its final colours only
                  // at the end of its animation. Finite animations only (a spinner never ends), bounded in time.
                  const finite = document.getAnimations()
                      .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity);
                  await Promise.race([Promise.all(finite.map(a => a.finished.catch(() => null))),
                                      new Promise(done => setTimeout(done, 2000))]);
                  const r = await window.axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') }));
                }""");
        assertTrue(violations.isEmpty(), "axe on " + where + ": " + violations);
    }
}
