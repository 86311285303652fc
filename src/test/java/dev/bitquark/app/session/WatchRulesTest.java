package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bitquark.app.session.WatchRules.Kind;
import dev.bitquark.app.session.WatchRules.Seen;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watch folder's name filter and stability rule, poll by poll (no clock, no files). */
class WatchRulesTest {
    private static final Path A = Path.of("/w/a.torrent");
    private static final Path B = Path.of("/w/b.magnet");

    @Test
    void takesTorrentAndMagnetNamesInAnyCase() {
        assertEquals(Kind.TORRENT, WatchRules.kind("ubuntu.torrent"));
        assertEquals(Kind.TORRENT, WatchRules.kind("UBUNTU.TORRENT"));
        assertEquals(Kind.MAGNET, WatchRules.kind("debian.magnet"));
        assertEquals(Kind.MAGNET, WatchRules.kind("Debian.Magnet"));
    }

    @Test
    void ignoresHiddenInProgressAndOtherNames() {
        assertNull(WatchRules.kind(".ubuntu.torrent"), "hidden (rsync writes .name.XXXXXX, then renames)");
        assertNull(WatchRules.kind(".torrent"));
        assertNull(WatchRules.kind(".magnet"));
        assertNull(WatchRules.kind("ubuntu.torrent.part"));
        assertNull(WatchRules.kind("ubuntu.torrent.crdownload"));
        assertNull(WatchRules.kind("ubuntu.torrent.tmp"));
        assertNull(WatchRules.kind("ubuntu.TMP"));
        assertNull(WatchRules.kind("ubuntu.torrent.added"));
        assertNull(WatchRules.kind("ubuntu.torrent.invalid"));
        assertNull(WatchRules.kind("ubuntu.torrent.error.txt"));
        assertNull(WatchRules.kind("notes.txt"));
    }

    @Test
    void takesAFileOnlyOnceTwoPollsSawItUnchanged() {
        WatchRules r = new WatchRules();
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 5))), "first sight");
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(100, 5))));
    }

    @Test
    void growingFileWaitsUntilItStopsGrowing() {
        WatchRules r = new WatchRules();
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 5))));
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(200, 6))));
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(300, 7))));
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(300, 7))));
    }

    @Test
    void rewrittenFileOfTheSameSizeWaitsForItsTimeToSettle() {
        WatchRules r = new WatchRules();
        r.stable(Map.of(A, new Seen(100, 5)));
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 9))));
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(100, 9))));
    }

    @Test
    void emptyFileIsNeverTaken() {
        WatchRules r = new WatchRules();
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), r.stable(Map.of(A, new Seen(0, 5))));
        }
    }

    @Test
    void eachFileSettlesOnItsOwn() {
        WatchRules r = new WatchRules();
        r.stable(Map.of(A, new Seen(100, 5)));
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(100, 5), B, new Seen(50, 6))));
        assertEquals(List.of(B), r.stable(Map.of(B, new Seen(50, 6))));
    }

    @Test
    void fileThatDisappearsMustSettleAgainWhenItReturns() {
        WatchRules r = new WatchRules();
        r.stable(Map.of(A, new Seen(100, 5)));
        r.stable(Map.of());
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 5))));
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(100, 5))));
    }

    @Test
    void fileLeftInPlaceIsNotTakenAgainUntilItChanges() {
        WatchRules r = new WatchRules();
        r.stable(Map.of(A, new Seen(100, 5)));
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(100, 5))));
        r.leftInPlace(A, new Seen(100, 5));
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 5))));
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 5))));
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(120, 8))), "changed: settles again");
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(120, 8))));
    }

    @Test
    void unsettledFileNeedsTwoMoreMatchingPolls() {
        WatchRules r = new WatchRules();
        r.stable(Map.of(A, new Seen(100, 5)));
        r.unsettled(A);
        assertEquals(List.of(), r.stable(Map.of(A, new Seen(100, 5))));
        assertEquals(List.of(A), r.stable(Map.of(A, new Seen(100, 5))));
    }
}
