package dev.bitquark.tracker.codec;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import java.util.Objects;

/**
 * One announce to a tracker (BEP 3 HTTP parameters, BEP 15 UDP fields). Immutable.
 *
 * @param infoHash the torrent
 * @param peerId our peer id
 * @param port TCP port we accept peer connections on
 * @param uploaded payload bytes sent since the {@code started} event
 * @param downloaded payload bytes received since the {@code started} event
 * @param left payload bytes still missing (0 for a seed)
 * @param event why we announce now
 * @param numWant how many peers we would like; -1 lets the tracker choose (BEP 15 default)
 * @param key random per-session value that lets a tracker recognise us across IP changes (BEP 7)
 * @param trackerId the {@code tracker id} the tracker gave us earlier (BEP 3), or null. Bytes as
 *                  ISO-8859-1 characters so binary ids round-trip unchanged
 * @param compact ask for the compact peer list (BEP 23)
 * @param ip our address to report, or null to let the tracker use the packet's source
 */
public record AnnounceRequest(InfoHash infoHash, PeerId peerId, int port, long uploaded, long downloaded, long left,
                              Event event, int numWant, int key, String trackerId, boolean compact, String ip) {

    /** BEP 3 events with their BEP 15 numbers. */
    public enum Event {
        NONE(0, null), COMPLETED(1, "completed"), STARTED(2, "started"), STOPPED(3, "stopped");

        private final int udpId;
        private final String httpName;

        Event(int udpId, String httpName) {
            this.udpId = udpId;
            this.httpName = httpName;
        }

        /** The value of the BEP 15 {@code event} field. */
        public int udpId() {
            return udpId;
        }

        /** The value of the BEP 3 {@code event} parameter, or null for a regular announce (omitted). */
        public String httpName() {
            return httpName;
        }
    }

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("transfer counters must not be negative: uploaded=" + uploaded
                    + " downloaded=" + downloaded + " left=" + left);
        }
        if (numWant < -1) {
            throw new IllegalArgumentException("numWant must be -1 or more, got " + numWant);
        }
    }

    /** A compact announce without tracker id or explicit IP. */
    public static AnnounceRequest of(InfoHash infoHash, PeerId peerId, int port, long uploaded, long downloaded,
                                     long left, Event event, int numWant, int key) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, event, numWant, key, null, true,
                null);
    }

    public AnnounceRequest withEvent(Event newEvent) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, newEvent, numWant, key,
                trackerId, compact, ip);
    }

    public AnnounceRequest withNumWant(int newNumWant) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, event, newNumWant, key,
                trackerId, compact, ip);
    }

    public AnnounceRequest withTrackerId(String newTrackerId) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, event, numWant, key,
                newTrackerId, compact, ip);
    }
}
