package dev.bitquark.lsd;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When torrents are announced and how they share packets, on a manual clock. */
class LsdScheduleTest {
    static final long S = 1_000_000_000L;
    static final long INTERVAL = 300 * S;

    static InfoHash hash(int i) {
        return InfoHash.fromHex(String.format("%040x", i + 1));
    }

    static int hashes(List<AnnounceSchedule.Packet> packets) {
        return packets.stream().mapToInt(p -> p.infoHashes().size()).sum();
    }

    @Test
    void aTorrentIsDueWhenAddedAndThenOncePerInterval() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        s.add(hash(0), 6881, 0);
        assertEquals(List.of(new AnnounceSchedule.Packet(6881, List.of(hash(0)))), s.takeDue(0, 5));
        assertEquals(List.of(), s.takeDue(INTERVAL - 1, 5));
        assertEquals(INTERVAL, s.nextDue(1));
        assertEquals(1, hashes(s.takeDue(INTERVAL, 5)));
    }

    @Test
    void torrentsDueTogetherShareAPacketPerPort() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        for (int i = 0; i < 25; i++) {
            s.add(hash(i), 6881, 0);
        }
        s.add(hash(99), 7000, 0);
        List<AnnounceSchedule.Packet> packets = s.takeDue(0, 100);
        assertEquals(4, packets.size(), "10 + 10 + 5 for one port, 1 for the other: " + packets);
        assertEquals(26, hashes(packets));
        assertTrue(packets.stream().allMatch(p -> p.infoHashes().size() <= 10));
    }

    @Test
    void thePacketCapLeavesTheRestDueForLater() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        for (int i = 0; i < 35; i++) {
            s.add(hash(i), 6881, 0);
        }
        assertEquals(20, hashes(s.takeDue(0, 2)));
        assertEquals(0, s.nextDue(0), "15 still due");
        assertEquals(List.of(), s.takeDue(0, 0));
        assertEquals(15, hashes(s.takeDue(S, 5)));
        assertEquals(List.of(), s.takeDue(2 * S, 5));
    }

    @Test
    void addingAgainWithinTheIntervalDoesNotAnnounceAgain() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        s.add(hash(0), 6881, 0);
        assertEquals(1, hashes(s.takeDue(0, 5)));
        s.add(hash(0), 6881, S);  // a second registration of the same torrent
        assertEquals(List.of(), s.takeDue(S, 5));
        s.remove(hash(0), 6881);
        s.remove(hash(0), 6881);
        assertTrue(s.isEmpty());
        s.add(hash(0), 6881, 2 * S);  // stopped and started again
        assertEquals(List.of(), s.takeDue(2 * S, 5));
        assertEquals(INTERVAL, s.nextDue(2 * S));
        assertEquals(1, hashes(s.takeDue(INTERVAL, 5)));
    }

    @Test
    void aRemovedTorrentIsNotAnnouncedWhileAnotherRegistrationKeepsIt() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        s.add(hash(0), 6881, 0);
        s.add(hash(0), 6881, 0);
        s.remove(hash(0), 6881);
        assertEquals(1, s.torrents());
        s.remove(hash(0), 6881);
        assertEquals(0, s.torrents());
        assertEquals(List.of(), s.takeDue(0, 5));
    }

    @Test
    void aPacketWithRoomTakesTorrentsDueSoonSoRoundsConverge() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        s.add(hash(0), 6881, 0);
        s.takeDue(0, 5);
        s.add(hash(1), 6881, 60 * S);  // due now, and hash(0) due in 240 s: more than a quarter away
        assertEquals(1, hashes(s.takeDue(60 * S, 5)));
        s.add(hash(2), 6881, 250 * S);  // hash(0) due in 50 s: within a quarter interval, goes along
        List<AnnounceSchedule.Packet> p = s.takeDue(250 * S, 5);
        assertEquals(List.of(new AnnounceSchedule.Packet(6881, List.of(hash(2), hash(0)))), p);
        assertEquals(360 * S, s.nextDue(250 * S), "hash(1) is next; the two just sent are due at 550 s");
    }

    @Test
    void torrentsNotYetDueAloneDoNotStartAPacket() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        s.add(hash(0), 6881, 0);
        s.takeDue(0, 5);
        s.add(hash(1), 7000, 250 * S);  // other port: hash(0) cannot ride along
        assertEquals(List.of(new AnnounceSchedule.Packet(7000, List.of(hash(1)))), s.takeDue(250 * S, 5));
    }

    @Test
    void survivesANegativeNanoTimeOrigin() {
        AnnounceSchedule s = new AnnounceSchedule(INTERVAL, 10);
        long t0 = Long.MAX_VALUE - S;  // nanoTime may be anything, even wrap around
        List<InfoHash> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            s.add(hash(i), 1, t0);
            all.add(hash(i));
        }
        assertEquals(3, hashes(s.takeDue(t0, 5)));
        assertEquals(List.of(), s.takeDue(t0 + 2 * S, 5));
        assertEquals(3, hashes(s.takeDue(t0 + INTERVAL, 5)));
    }
}
