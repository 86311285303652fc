package dev.bitquark.engine.internal;

import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The queue and the seeding goals, one pass a second over every torrent (and soon after anything that changes
 * the answer: an add, a pause, a resume, a move, new settings). In queue order, each torrent that is neither
 * paused by the user nor failed takes a slot if the limits have one for its kind (download or seed), as
 * libtorrent's auto-management does: a waiting torrent high in the queue starts, and a running one lower down is
 * put back in the queue when the slots are gone. Forced torrents run and are not counted; with
 * {@link QueueSettings#ignoreSlow()} neither are slow ones. A torrent checking is counted but never stopped (the
 * check finishes first). A finished torrent that reaches its seeding goal is paused, as if by the user.
 *
 * <p>The queue order is a number per torrent ({@link TorrentSlot#queueOrder()}), lower first: moving a torrent
 * up or down swaps two numbers, to the top or bottom gives it a new one, so a move saves one or two torrents'
 * resume data, never all of them. Positions (0 first) are recounted by each pass.
 *
 * <p>Engine context only.
 */
public final class TorrentQueue {
    private static final Logger LOG = Logger.getLogger(TorrentQueue.class.getName());
    static final Duration PERIOD = Duration.ofSeconds(1);

    /** Where a queue move sends the torrents. */
    public enum Move { TOP, UP, DOWN, BOTTOM }

    private final EngineRuntime rt;
    private final Supplier<Collection<TorrentSlot>> slots;
    private QueueSettings settings = QueueSettings.OFF;
    private SeedGoals defaultGoals = SeedGoals.UNLIMITED;
    private long lastOrder;
    private boolean passSoon;
    private long timer = -1;
    /** The order of the last pass, kept to skip sorting thousands of torrents each second when nothing moved. */
    private List<TorrentSlot> lastSorted;

    public TorrentQueue(EngineRuntime rt, Supplier<Collection<TorrentSlot>> slots) {
        this.rt = rt;
        this.slots = slots;
    }

    /** Starts the periodic pass. */
    public void start() {
        if (timer < 0) {
            timer = rt.scheduler().every(PERIOD, this::pass);
        }
    }

    public void stop() {
        if (timer >= 0) {
            rt.scheduler().cancel(timer);
            timer = -1;
        }
    }

    public QueueSettings settings() {
        return settings;
    }

    public void setSettings(QueueSettings s) {
        settings = s;
        soon();
    }

    public SeedGoals defaultGoals() {
        return defaultGoals;
    }

    /** The session's seeding goals ({@link SeedGoals#SESSION} is not allowed here: there is nothing above). */
    public void setDefaultGoals(SeedGoals goals) {
        if (goals.ratio() == SeedGoals.SESSION || goals.seedingMinutes() == SeedGoals.SESSION
                || goals.idleMinutes() == SeedGoals.SESSION) {
            throw new IllegalArgumentException("the session's seeding goals cannot refer to the session's");
        }
        defaultGoals = goals;
        soon();
    }

    /** Whether a torrent that starts now with {@code policy} waits in the queue first (the next pass decides). */
    public boolean startsQueued(TorrentPolicy policy) {
        return settings.enabled() && !policy.forced();
    }

    /**
     * A queue order for a torrent added now: {@code kept} if it had one (restored; never 0, which resume data saved
     * before the queue existed holds), else after every other.
     */
    public long orderFor(long kept) {
        if (kept != 0) {
            lastOrder = Math.max(lastOrder, kept);
            return kept;
        }
        return ++lastOrder;
    }

    /** Runs a pass in a moment (once, however many ask before it runs). */
    public void soon() {
        if (!passSoon) {
            passSoon = true;
            rt.context().runOnContext(v -> {
                passSoon = false;
                pass();
            });
        }
    }

    /** Moves {@code chosen} in the queue, keeping their order among themselves. */
    public void move(Set<TorrentSlot> chosen, Move move) {
        List<TorrentSlot> order = sorted();
        switch (move) {
            case TOP -> {
                long top = order.isEmpty() ? 0 : order.getFirst().queueOrder();
                List<TorrentSlot> mine = order.stream().filter(chosen::contains).toList();
                for (int i = mine.size() - 1; i >= 0; i--) {
                    if (--top == 0) {
                        top--; // 0 means "no place kept" in resume data
                    }
                    mine.get(i).setQueueOrder(top);
                }
            }
            case BOTTOM -> {
                for (TorrentSlot s : order) {
                    if (chosen.contains(s)) {
                        s.setQueueOrder(++lastOrder);
                    }
                }
            }
            case UP -> {
                for (int i = 1; i < order.size(); i++) {
                    if (chosen.contains(order.get(i)) && !chosen.contains(order.get(i - 1))) {
                        swap(order, i, i - 1);
                    }
                }
            }
            case DOWN -> {
                for (int i = order.size() - 2; i >= 0; i--) {
                    if (chosen.contains(order.get(i)) && !chosen.contains(order.get(i + 1))) {
                        swap(order, i, i + 1);
                    }
                }
            }
        }
        pass();
    }

    /**
     * Moves {@code slot} to {@code position} (0 first; past the end: last): a number between its new neighbours',
     * or, when they leave no room, every torrent numbered again (rare: numbers are spread 1,024 apart then).
     */
    public void moveTo(TorrentSlot slot, int position) {
        List<TorrentSlot> order = sorted();
        order.remove(slot);
        int p = Math.max(0, Math.min(position, order.size()));
        long before = p == 0 ? (order.isEmpty() ? 0 : order.getFirst().queueOrder()) - 2048 : order.get(p - 1).queueOrder();
        long after = p == order.size() ? (order.isEmpty() ? 0 : order.getLast().queueOrder()) + 2048
                : order.get(p).queueOrder();
        long mid = before + (after - before) / 2;
        if (mid == 0) {
            mid = mid + 1 < after ? 1 : -1;
        }
        if (mid > before && mid < after && mid != 0) {
            slot.setQueueOrder(mid);
            lastOrder = Math.max(lastOrder, mid);
        } else {
            order.add(p, slot);
            long next = 0;
            for (TorrentSlot s : order) {
                next += 1024;
                s.setQueueOrder(next);
            }
            lastOrder = next;
        }
        pass();
    }

    private static void swap(List<TorrentSlot> order, int i, int j) {
        TorrentSlot a = order.get(i);
        TorrentSlot b = order.get(j);
        long ao = a.queueOrder();
        a.setQueueOrder(b.queueOrder());
        b.setQueueOrder(ao);
        order.set(i, b);
        order.set(j, a);
    }

    /** Every torrent in queue order: the last pass's order while it still holds (the common case), else sorted. */
    private List<TorrentSlot> sorted() {
        Collection<TorrentSlot> all = slots.get();
        List<TorrentSlot> order = lastSorted;
        if (order != null && order.size() == all.size() && stillSorted(order)) {
            // No torrent of the last order left and none came (same count, none removed): the same torrents.
            return new ArrayList<>(order);
        }
        order = new ArrayList<>(all);
        order.sort(Comparator.comparingLong(TorrentSlot::queueOrder));
        lastSorted = order;
        return new ArrayList<>(order);
    }

    private static boolean stillSorted(List<TorrentSlot> order) {
        long previous = Long.MIN_VALUE;
        for (TorrentSlot s : order) {
            long o = s.queueOrder();
            if (s.phase().isRemoved() || o < previous) {
                return false;
            }
            previous = o;
        }
        return true;
    }

    /** One pass: times, seeding goals, then the queue. */
    void pass() {
        long now = rt.now();
        long wall = System.currentTimeMillis();
        List<TorrentSlot> order = sorted();
        int downloads = 0;
        int seeds = 0;
        int active = 0;
        for (int i = 0; i < order.size(); i++) {
            TorrentSlot slot = order.get(i);
            slot.setQueuePosition(i);
            TorrentPhase p = slot.phase();
            if (p.isRemoved()) {
                continue;
            }
            slot.account(now, wall, settings);
            TorrentState st = p.state();
            // A seed waiting in the queue past its goal stops too: the *arr apps remove only stopped torrents.
            if (st == TorrentState.LIVE && p.isFinished() || st == TorrentState.QUEUED && p.looksFinished()) {
                String reached = slot.goalReached(slot.policy().goals().over(defaultGoals), wall);
                if (reached != null) {
                    LOG.info(() -> p.name() + ": " + reached + "; stopping");
                    p.pause();
                    continue;
                }
            }
            if (st == TorrentState.PAUSED || st == TorrentState.ERROR) {
                continue;
            }
            if (!settings.enabled() || slot.policy().forced()) {
                if (st == TorrentState.QUEUED) {
                    p.dequeue();
                }
                continue;
            }
            boolean seed = p.looksFinished();
            if (st != TorrentState.QUEUED && settings.ignoreSlow() && st != TorrentState.CHECKING
                    && slot.isSlow(now, settings)) {
                continue;
            }
            boolean fits = (settings.maxActive() < 0 || active < settings.maxActive())
                    && (seed ? settings.maxSeeds() < 0 || seeds < settings.maxSeeds()
                            : settings.maxDownloads() < 0 || downloads < settings.maxDownloads());
            if (fits || st == TorrentState.CHECKING) {
                if (st == TorrentState.QUEUED) {
                    p.dequeue();
                }
                active++;
                if (seed) {
                    seeds++;
                } else {
                    downloads++;
                }
            } else if (st != TorrentState.QUEUED) {
                p.queue();
            }
        }
    }
}
