package dev.bitquark.app.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests see of the web UI, found by role and label only (never by CSS), in one
 * place: the torrent grid, its rows and actions, the add dialog, the details tabs and the
 * connection indicator.
 */
final class TorrentsPage {
    static final double WAIT_MS = 30_000;

    final Page page;

    TorrentsPage(Page page) {
        this.page = page;
    }

    static LocatorAssertions.IsVisibleOptions visible() {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS);
    }

    static LocatorAssertions.ContainsTextOptions text() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS);
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator grid() {
        return page.getByRole(AriaRole.GRID, new Page.GetByRoleOptions().setName("Torrents"));
    }

    /** The grid row of the torrent named {@code name} (rows are named by their cells; the name cell is one). */
    Locator row(String name) {
        return grid().getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
    }

    /** The cell of a torrent's row under the column named {@code column} (columns may be moved, so found by header). */
    Locator cell(String name, String column) {
        Locator headers = grid().getByRole(AriaRole.COLUMNHEADER);
        int index = -1;
        for (int i = 0; i < headers.count(); i++) {
            if (headers.nth(i).innerText().strip().startsWith(column)) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw new AssertionError("no column " + column + " among " + headers.allInnerTexts());
        }
        return row(name).locator("[role=gridcell]").nth(index);
    }

    /** The row's progress in percent, as its progress bar tells assistive technology. */
    double progress(String name) {
        String v = row(name).getByRole(AriaRole.PROGRESSBAR).getAttribute("aria-valuenow");
        return v == null ? -1 : Double.parseDouble(v);
    }

    /** The phone's torrent list: cards instead of the grid, named like it. */
    Locator cards() {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Torrents"));
    }

    /** The card of the torrent named {@code name} (a card is named by its torrent's name). */
    Locator card(String name) {
        return cards().getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(name));
    }

    /**
     * A finger resting on the middle of {@code target} for {@code ms}, then lifted: real touch events
     * through the DevTools protocol (Playwright has a tap, not a long press). Needs a context with touch.
     */
    void longPress(Locator target, int ms) {
        target.scrollIntoViewIfNeeded();
        var box = target.boundingBox();
        double x = box.x + box.width / 2;
        double y = box.y + box.height / 2;
        var cdp = page.context().newCDPSession(page);
        try {
            com.google.gson.JsonObject point = new com.google.gson.JsonObject();
            point.addProperty("x", x);
            point.addProperty("y", y);
            com.google.gson.JsonArray points = new com.google.gson.JsonArray();
            points.add(point);
            com.google.gson.JsonObject start = new com.google.gson.JsonObject();
            start.addProperty("type", "touchStart");
            start.add("touchPoints", points);
            cdp.send("Input.dispatchTouchEvent", start);
            page.waitForTimeout(ms);
            com.google.gson.JsonObject end = new com.google.gson.JsonObject();
            end.addProperty("type", "touchEnd");
            end.add("touchPoints", new com.google.gson.JsonArray());
            cdp.send("Input.dispatchTouchEvent", end);
        } finally {
            cdp.detach();
        }
    }

    /**
     * Sets the theme preference as the UI keeps it (localStorage {@code bitquark.prefs}), reloads, and
     * waits for the page to show it ({@code html[data-theme]}).
     */
    void theme(String theme) {
        page.evaluate("t => { const p = JSON.parse(localStorage.getItem('bitquark.prefs') || '{}'); p.theme = t;"
                + " localStorage.setItem('bitquark.prefs', JSON.stringify(p)); }", theme);
        page.reload();
        assertThat(page.locator("html")).hasAttribute("data-theme", theme,
                new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
    }

    Locator dialog(String name) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name));
    }

    Locator tab(String name) {
        return page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name));
    }

    Locator tabPanel() {
        return page.getByRole(AriaRole.TABPANEL);
    }

    Locator connection() {
        return page.getByTestId("connection-status");
    }

    /** Selects one row with a plain click on its name. */
    void select(String name) {
        row(name).getByRole(AriaRole.GRIDCELL).nth(1).click();
    }

    /** Opens the details of a torrent with the keyboard: its row focused, Enter. */
    void openWithKeyboard(String name) {
        row(name).focus();
        page.keyboard().press("Enter");
        assertThat(tab("Overview")).isVisible(visible());
    }

    /** Opens the details of a torrent (double-click on its row). */
    void open(String name) {
        row(name).getByRole(AriaRole.GRIDCELL).nth(1).dblclick();
        assertThat(tab("Overview")).isVisible(visible());
    }

    /** Drops files on the page as the operating system would: a drop event carrying them. */
    void dropFiles(Map<String, Path> files) throws Exception {
        List<Map<String, String>> list = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            list.add(Map.of("name", f.getKey(), "data", Base64.getEncoder().encodeToString(Files.readAllBytes(f.getValue()))));
        }
        page.evaluate("""
                files => {
                  const dt = new DataTransfer();
                  for (const f of files) {
                    const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
                    dt.items.add(new File([bytes], f.name, { type: 'application/x-bittorrent' }));
                  }
                  for (const type of ['dragenter', 'dragover', 'drop']) {
                    document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
                  }
                }""", list);
    }

    /** Pastes text on the page (outside any field), as Ctrl+V with it on the clipboard would. */
    void paste(String text) {
        page.evaluate("""
                text => {
                  const dt = new DataTransfer();
                  dt.setData('text/plain', text);
                  document.body.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
                }""", text);
    }

    void screenshot(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }
}
