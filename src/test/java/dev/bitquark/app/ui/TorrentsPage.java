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
