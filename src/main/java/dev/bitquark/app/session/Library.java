package dev.bitquark.app.session;

import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The session's categories and tags, kept in its settings, and the torrents filed under them. A category names a
 * folder (its own, or one named after it in the default output folder) where torrents added with it are saved;
 * changing a torrent's category never moves its data (qBittorrent's manual mode, which the *arr apps expect: they
 * move a torrent to an "imported" category after importing it). Removing a category or a tag takes it off every
 * torrent. A tag given to a torrent joins the session's tags, as in qBittorrent. Thread-safe: settings change on
 * the session's store thread, torrents on the engine's context.
 */
public final class Library {
    private final Session session;

    /** A category or tag the request names does not exist, or exists already: the APIs answer 409. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    Library(Session session) {
        this.session = session;
    }

    public SortedMap<String, String> categories() {
        return session.settings().categories();
    }

    public SortedSet<String> tags() {
        return session.settings().tags();
    }

    /**
     * Creates a category; {@code folder}: "" for the default (named after it), else a folder relative to the
     * download folder (the caller has checked it stays inside). Fails with {@link Conflict} if it exists.
     */
    public CompletionStage<SessionSettings> createCategory(String name, String folder) {
        String n = requireName(name);
        return session.updateSettings(s -> {
            if (s.categories().containsKey(n)) {
                throw new Conflict("category " + n + " exists already");
            }
            SortedMap<String, String> next = new TreeMap<>(s.categories());
            next.put(n, folder == null ? "" : folder);
            return s.withCategories(next);
        });
    }

    /** Changes a category's folder (torrents filed under it stay where they are). {@link Conflict} if unknown. */
    public CompletionStage<SessionSettings> editCategory(String name, String folder) {
        String n = requireName(name);
        return session.updateSettings(s -> {
            if (!s.categories().containsKey(n)) {
                throw new Conflict("no category " + n);
            }
            SortedMap<String, String> next = new TreeMap<>(s.categories());
            next.put(n, folder == null ? "" : folder);
            return s.withCategories(next);
        });
    }

    /** Removes categories (unknown names are ignored) and takes them off the torrents filed under them. */
    public CompletionStage<Void> removeCategories(Collection<String> names) {
        Set<String> gone = Set.copyOf(names);
        return session.updateSettings(s -> {
            SortedMap<String, String> next = new TreeMap<>(s.categories());
            next.keySet().removeAll(gone);
            return s.withCategories(next);
        }).thenCompose(s -> eachTorrent(p -> p.category() != null && gone.contains(p.category())
                ? p.withCategory(null) : p));
    }

    /** Adds tags to the session's (those it has already are ignored). */
    public CompletionStage<SessionSettings> createTags(Collection<String> names) {
        List<String> checked = names.stream().map(TorrentPolicy::checkTag).toList();
        return session.updateSettings(s -> {
            SortedSet<String> next = new TreeSet<>(s.tags());
            next.addAll(checked);
            return next.equals(s.tags()) ? s : s.withTags(next);
        });
    }

    /** Deletes tags from the session and from every torrent. */
    public CompletionStage<Void> deleteTags(Collection<String> names) {
        Set<String> gone = Set.copyOf(names);
        return session.updateSettings(s -> {
            SortedSet<String> next = new TreeSet<>(s.tags());
            next.removeAll(gone);
            return s.withTags(next);
        }).thenCompose(s -> eachTorrent(p -> {
            List<String> kept = p.tags().stream().filter(t -> !gone.contains(t)).toList();
            return kept.size() == p.tags().size() ? p : p.withTags(kept);
        }));
    }

    /**
     * Changes torrents' policies: the category must exist ({@link Conflict} otherwise, nothing changes), new tags
     * join the session's. Completes once every torrent has taken its new policy.
     */
    public CompletionStage<Void> change(Collection<TorrentHandle> torrents, UnaryOperator<TorrentPolicy> change) {
        List<CompletableFuture<TorrentPolicy[]>> reads = new ArrayList<>();
        for (TorrentHandle h : torrents) {
            reads.add(h.policy().map(p -> new TorrentPolicy[] {p, change.apply(p)})
                    .toCompletionStage().toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            SortedSet<String> newTags = new TreeSet<>();
            for (CompletableFuture<TorrentPolicy[]> r : reads) {
                TorrentPolicy next = r.join()[1];
                if (next.category() != null && !categories().containsKey(next.category())) {
                    throw new Conflict("no category " + next.category() + ": create it first");
                }
                newTags.addAll(next.tags());
            }
            newTags.removeAll(tags());
            CompletionStage<?> registered = newTags.isEmpty() ? CompletableFuture.completedFuture(null)
                    : createTags(newTags);
            // Applied again to the policy in force at that moment, in one step: a change made meanwhile is kept.
            java.util.Set<String> known = categories().keySet();
            return registered.thenCompose(x -> {
                List<CompletableFuture<Void>> sets = new ArrayList<>();
                for (TorrentHandle h : torrents) {
                    sets.add(h.updatePolicy(p -> {
                        TorrentPolicy next = change.apply(p);
                        if (next.category() != null && !known.contains(next.category())
                                && !next.category().equals(p.category())) {
                            throw new Conflict("no category " + next.category() + ": create it first");
                        }
                        return next;
                    }).toCompletionStage().thenCompose(pair -> pair.get(0).equals(pair.get(1))
                            ? CompletableFuture.completedFuture(null) : session.saveNow(h.infoHash()))
                            .toCompletableFuture());
                }
                return CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new));
            });
        });
    }

    /**
     * The policy of a torrent being added: its category is created if the session does not know it (as
     * qBittorrent does when a torrent is added with a new category), its tags join the session's.
     */
    public CompletionStage<Void> prepareAdd(TorrentPolicy policy) {
        CompletionStage<?> cat = policy.category() == null || categories().containsKey(policy.category())
                ? CompletableFuture.completedFuture(null)
                : session.updateSettings(s -> {
                    if (s.categories().containsKey(policy.category())) {
                        return s;
                    }
                    SortedMap<String, String> next = new TreeMap<>(s.categories());
                    next.put(policy.category(), "");
                    return s.withCategories(next);
                });
        return cat.thenCompose(x -> tags().containsAll(policy.tags()) ? CompletableFuture.completedFuture(null)
                : createTags(policy.tags()).thenApply(s -> null));
    }

    /** Applies {@code change} to every torrent in one step each; stores only those that changed. */
    private CompletionStage<Void> eachTorrent(UnaryOperator<TorrentPolicy> change) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (TorrentHandle h : session.handles()) {
            all.add(h.updatePolicy(change).toCompletionStage().thenCompose(pair -> pair.get(0).equals(pair.get(1))
                    ? CompletableFuture.<Void>completedFuture(null) : session.saveNow(h.infoHash()))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static String requireName(String name) {
        String n = TorrentPolicy.checkCategory(name);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("a category name cannot be empty");
        }
        return n;
    }
}
