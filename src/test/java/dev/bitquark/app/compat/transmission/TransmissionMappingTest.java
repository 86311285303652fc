package dev.bitquark.app.compat.transmission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.compat.qbittorrent.QbMappingTestAccess;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transmission's statuses, labels, seeding-goal modes, ratio and the fields Sonarr decides by. */
class TransmissionMappingTest {
    private static TorrentFields.Torrent t(TorrentStats s) {
        return new TorrentFields.Torrent(7, s, null, null, "magnet:?xt=urn:btih:00");
    }

    @Test
    void statusesAreTransmissionsActivities() {
        TorrentPolicy p = TorrentPolicy.DEFAULT;
        assertEquals(0, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.PAUSED, true, 0, 0, p)));
        assertEquals(0, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.ERROR, false, 0, 0, p)));
        assertEquals(3, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.QUEUED, false, 0, 0, p)));
        assertEquals(5, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.QUEUED, true, 0, 0, p)));
        assertEquals(2, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.CHECKING, false, 0, 0, p)));
        assertEquals(4, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.LIVE, false, 1, 0, p)));
        assertEquals(6, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.LIVE, true, 0, 1, p)));
        assertEquals(4, TorrentFields.status(QbMappingTestAccess.stats(TorrentState.METADATA, false, 0, 0, p)));
    }

    @Test
    void labelsAreTheCategoryThenTheTags() {
        TorrentPolicy p = new TorrentPolicy("tv-sonarr", List.of("keep", "4k"), SeedGoals.FROM_SESSION, false);
        assertEquals(List.of("tv-sonarr", "keep", "4k"), TorrentFields.value("labels",
                t(QbMappingTestAccess.stats(TorrentState.LIVE, true, 0, 0, p))));
    }

    @Test
    void seedGoalsMapOntoModesAndFinishedMeansStoppedAtTheGoal() {
        TorrentPolicy own = TorrentPolicy.DEFAULT.withGoals(new SeedGoals(1.5, SeedGoals.SESSION, SeedGoals.NONE));
        TorrentStats s = QbMappingTestAccess.stats(TorrentState.LIVE, true, 0, 0, own);
        assertEquals(1, TorrentFields.value("seedRatioMode", t(s)));
        assertEquals(1.5, TorrentFields.value("seedRatioLimit", t(s)));
        assertEquals(2, TorrentFields.value("seedIdleMode", t(s)));
        assertEquals(false, TorrentFields.value("isFinished", t(s)));
        TorrentStats stopped = QbMappingTestAccess.stats(TorrentState.PAUSED, true, 0, 0, own)
                .withSessionParts(own, 0, 1, s.times(), own.goals(), "seeding goal reached: ratio 2.00 of 1.50");
        assertEquals(true, TorrentFields.value("isFinished", t(stopped)));
        assertEquals(0, TorrentFields.value("status", t(stopped)));
    }

    @Test
    void sizesCountsAndTimesAreIntegersRatiosAreReals() {
        TorrentStats s = QbMappingTestAccess.stats(TorrentState.LIVE, false, 100, 0, TorrentPolicy.DEFAULT);
        for (String f : List.of("id", "eta", "leftUntilDone", "sizeWhenDone", "status", "rateDownload", "totalSize",
                "addedDate", "secondsSeeding", "queuePosition")) {
            Object v = TorrentFields.value(f, t(s));
            assertEquals(true, v instanceof Integer || v instanceof Long, f + " is " + v);
        }
        assertEquals(600L, TorrentFields.value("leftUntilDone", t(s)));
        assertEquals(60L, TorrentFields.value("eta", t(s)));
        assertEquals(2.0, TorrentFields.value("uploadRatio", t(s)));
        assertEquals(null, TorrentFields.value("noSuchField", t(s)), "unknown fields are left out");
    }
}
