package dev.bitquark.app.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The session's download and upload rates of the last ten minutes at about one point a second, kept
 * by the server so that a page opened now shows a full graph at once (UI spec 1.3; Flood keeps its
 * history server-side for the same reason). A ring of fixed size: no allocation per sample beyond
 * the JSON written for snapshots. Touched only on the hub thread.
 */
final class SpeedHistory {
    /** Ten minutes at one point a second. */
    static final int CAPACITY = 600;
    /** Points closer than this to the previous one are dropped, so a short events interval keeps ~1 Hz. */
    static final long MIN_STEP_MS = 900;

    private final long[] times = new long[CAPACITY];
    private final long[] down = new long[CAPACITY];
    private final long[] up = new long[CAPACITY];
    private int next;
    private int size;

    /** Records the rates at {@code epochMillis}; false if too close to the last point (or earlier). */
    boolean add(long epochMillis, long downloadRate, long uploadRate) {
        if (size > 0 && epochMillis - times[(next + CAPACITY - 1) % CAPACITY] < MIN_STEP_MS) {
            return false;
        }
        times[next] = epochMillis;
        down[next] = downloadRate;
        up[next] = uploadRate;
        next = (next + 1) % CAPACITY;
        size = Math.min(CAPACITY, size + 1);
        return true;
    }

    int size() {
        return size;
    }

    /** {@code {"times":[epoch ms…],"download":[B/s…],"upload":[B/s…]}}, oldest first. */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        ArrayNode t = node.putArray("times");
        ArrayNode d = node.putArray("download");
        ArrayNode u = node.putArray("upload");
        for (int i = 0; i < size; i++) {
            int at = (next - size + i + CAPACITY) % CAPACITY;
            t.add(times[at]);
            d.add(down[at]);
            u.add(up[at]);
        }
        return node;
    }
}
