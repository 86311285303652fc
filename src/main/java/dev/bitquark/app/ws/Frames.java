package dev.bitquark.app.ws;

import dev.bitquark.app.api.FileDto;
import dev.bitquark.app.api.PeerDto;
import dev.bitquark.app.api.SessionStatsDto;
import dev.bitquark.app.api.TorrentDto;
import dev.bitquark.app.api.TrackerDto;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The frames of the live event socket {@code /api/v1/events}, as OpenAPI component schemas: the
 * socket is not a REST path, so these records put its messages into {@code /q/openapi}, where the
 * web UI's types are generated from. {@link EventFrames} writes frames of exactly these shapes
 * ({@code FramesTest} holds it to that); {@link ClientMessage} reads the client's.
 */
@OpenAPIDefinition(info = @Info(title = "bitquark API", version = "1"), components = @Components(schemas = {
        @Schema(name = "ServerFrame", implementation = Frames.ServerFrame.class),
        @Schema(name = "ClientFrame", implementation = Frames.ClientFrame.class)}))
public final class Frames {
    /** What seq means, for the schemas. */
    static final String SEQ = "One more than the seq of the previous snapshot or update on this connection; a client"
            + " that sees a gap sends resync and gets a fresh snapshot";

    private Frames() {
    }

    /** Every frame the server sends; {@code type} tells them apart. */
    @Schema(name = "ServerFrame", description = "A frame the server sends on /api/v1/events",
            oneOf = {Hello.class, Snapshot.class, Update.class, Peers.class, Files.class, Trackers.class, Pieces.class,
                    Event.class, Heartbeat.class, Error.class},
            discriminatorProperty = "type", discriminatorMapping = {
                    @DiscriminatorMapping(value = "hello", schema = Hello.class),
                    @DiscriminatorMapping(value = "snapshot", schema = Snapshot.class),
                    @DiscriminatorMapping(value = "update", schema = Update.class),
                    @DiscriminatorMapping(value = "peers", schema = Peers.class),
                    @DiscriminatorMapping(value = "files", schema = Files.class),
                    @DiscriminatorMapping(value = "trackers", schema = Trackers.class),
                    @DiscriminatorMapping(value = "pieces", schema = Pieces.class),
                    @DiscriminatorMapping(value = "event", schema = Event.class),
                    @DiscriminatorMapping(value = "heartbeat", schema = Heartbeat.class),
                    @DiscriminatorMapping(value = "error", schema = Error.class)})
    public interface ServerFrame {
    }

    /** Every message a client may send; {@code type} tells them apart. */
    @Schema(name = "ClientFrame", description = "A message a client sends on /api/v1/events",
            oneOf = {Subscribe.class, Unsubscribe.class, Resync.class, Visibility.class}, discriminatorProperty = "type",
            discriminatorMapping = {
                    @DiscriminatorMapping(value = "subscribe", schema = Subscribe.class),
                    @DiscriminatorMapping(value = "unsubscribe", schema = Unsubscribe.class),
                    @DiscriminatorMapping(value = "resync", schema = Resync.class),
                    @DiscriminatorMapping(value = "visibility", schema = Visibility.class)})
    public interface ClientFrame {
    }

    /** The first frame on every connection. */
    @Schema(name = "HelloFrame", description = "First frame on every connection: the product and its version")
    public record Hello(@Schema(required = true, enumeration = "hello") String type,
                       @Schema(required = true) String name,
                       @Schema(required = true) String version) implements ServerFrame {
        static Hello of(String version) {
            return new Hello("hello", "bitquark", version);
        }
    }

    @Schema(name = "SnapshotFrame", description = "Every torrent and the session, after hello and when a client"
            + " falls behind or asks for resync")
    public record Snapshot(@Schema(required = true, enumeration = "snapshot") String type,
                           @Schema(required = true, description = SEQ) long seq,
                           @Schema(required = true) List<TorrentDto> torrents,
                           @Schema(required = true) SessionStatsDto session,
                           @Schema(required = true) SpeedHistory history,
                           @Schema(required = true, description = "The last 100 events, oldest first")
                           List<EventEntry> events) implements ServerFrame {
    }

    @Schema(name = "SpeedHistory", description = "The session's download and upload rates (bytes/s) of the last 10"
            + " minutes at about one point a second, oldest first; the three lists have the same length")
    public record SpeedHistory(@Schema(required = true, description = "Epoch milliseconds") List<Long> times,
                               @Schema(required = true) List<Long> download,
                               @Schema(required = true) List<Long> upload) {
    }

    @Schema(name = "EventEntry", description = "Something a user is told about: a torrent added, removed, completed"
            + " (every wanted piece verified) or failed")
    public record EventEntry(@Schema(required = true, description = "One more than the previous event's") long id,
                             @Schema(required = true, enumeration = {"torrent.added", "torrent.removed",
                                     "torrent.completed", "torrent.error"}) String kind,
                             @Schema(required = true, description = "40-hex info-hash") String torrent,
                             @Schema(required = true) String name,
                             @Schema(required = true, description = "ISO-8601 UTC") String at,
                             @Schema(required = true, nullable = true, description = "The error, for torrent.error")
                             String message) {
    }

    @Schema(name = "EventFrame", description = "An event, as it happens (also kept in the next snapshots' events)")
    public record Event(@Schema(required = true, enumeration = "event") String type,
                        @Schema(required = true) EventEntry event) implements ServerFrame {
    }

    /** The fields of a torrent that changed, with its id; the others are as before. */
    @Schema(name = "TorrentChangeFrame", description = "id, and the fields of TorrentDto that changed with their new"
            + " values", additionalProperties = Schema.True.class)
    public record TorrentChanged(@Schema(required = true) String id) {
    }

    /** The fields of the session that changed; the others are as before. */
    @Schema(name = "SessionChangeFrame", description = "The fields of SessionStatsDto that changed with their new"
            + " values", additionalProperties = Schema.True.class)
    public record SessionChanged() {
    }

    @Schema(name = "UpdateFrame", description = "What changed since the previous frame; sent only when"
            + " something did")
    public record Update(@Schema(required = true, enumeration = "update") String type,
                         @Schema(required = true, description = SEQ) long seq,
                         @Schema(required = true) List<TorrentChanged> torrents,
                         @Schema(required = true, description = "Torrents new since the previous frame, whole")
                         List<TorrentDto> added,
                         @Schema(required = true, description = "Ids of torrents gone since the previous frame")
                         List<String> removed,
                         @Schema(required = true) SessionChanged session) implements ServerFrame {
    }

    @Schema(name = "PeersFrame", description = "The connections of a torrent the client follows (topic peers), when"
            + " they changed")
    public record Peers(@Schema(required = true, enumeration = "peers") String type,
                        @Schema(required = true) String torrent,
                        @Schema(required = true) List<PeerDto> peers) implements ServerFrame {
    }

    @Schema(name = "FilesFrame", description = "The files of a torrent the client follows (topic files), when they"
            + " changed")
    public record Files(@Schema(required = true, enumeration = "files") String type,
                        @Schema(required = true) String torrent,
                        @Schema(required = true) List<FileDto> files) implements ServerFrame {
    }

    @Schema(name = "TrackersFrame", description = "The trackers of a torrent the client follows (topic trackers), when"
            + " they changed")
    public record Trackers(@Schema(required = true, enumeration = "trackers") String type,
                           @Schema(required = true) String torrent,
                           @Schema(required = true) List<TrackerDto> trackers) implements ServerFrame {
    }

    @Schema(name = "PiecesFrame", description = "The verified pieces of a torrent the client follows (topic pieces),"
            + " when they changed")
    public record Pieces(@Schema(required = true, enumeration = "pieces") String type,
                         @Schema(required = true) String torrent,
                         @Schema(required = true) int pieceCount,
                         @Schema(required = true) int havePieces,
                         @Schema(required = true, description = "Base64 of the BEP 3 bitfield (first piece in the"
                                 + " high bit of the first byte)") String have) implements ServerFrame {
    }

    @Schema(name = "HeartbeatFrame", description = "Sent when nothing changed for a while, so that a dead"
            + " connection is noticed")
    public record Heartbeat(@Schema(required = true, enumeration = "heartbeat") String type,
                            @Schema(required = true, description = "The seq of the last snapshot or update sent")
                            long seq) implements ServerFrame {
    }

    @Schema(name = "ErrorFrame", description = "A client message was refused; the connection stays open")
    public record Error(@Schema(required = true, enumeration = "error") String type,
                        @Schema(required = true) String error,
                        @Schema(required = true) String message) implements ServerFrame {
    }

    @Schema(name = "SubscribeFrame", description = "Follow parts of a torrent (its details view): the frames of the"
            + " listed topics follow every interval in which they changed; a new subscribe to the same torrent"
            + " replaces the list, an empty list ends it. At most 16 torrents per connection")
    public record Subscribe(@Schema(required = true, enumeration = "subscribe") String type,
                            @Schema(required = true, description = "40-hex info-hash") String torrent,
                            @Schema(description = "Topics to follow") List<Topic> topics,
                            @Schema(description = "Older form, used when topics is absent: true (the default) follows"
                                    + " the peers only, false ends the subscription") Boolean peers)
            implements ClientFrame {
    }

    @Schema(name = "Topic", enumeration = {"peers", "files", "trackers", "pieces"})
    public enum Topic { peers, files, trackers, pieces }

    @Schema(name = "ResyncFrame", description = "The client saw a gap in seq (or lost track): a fresh snapshot follows")
    public record Resync(@Schema(required = true, enumeration = "resync") String type) implements ClientFrame {
    }

    @Schema(name = "VisibilityFrame", description = "The page went to the background (hidden: only the whole session "
            + "every 5 s, and events) or came back (a fresh snapshot follows)")
    public record Visibility(@Schema(required = true, enumeration = "visibility") String type,
                             @Schema(required = true) boolean hidden) implements ClientFrame {
    }

    @Schema(name = "UnsubscribeFrame", description = "Stop the peers frames of a torrent")
    public record Unsubscribe(@Schema(required = true, enumeration = "unsubscribe") String type,
                              @Schema(required = true, description = "40-hex info-hash") String torrent)
            implements ClientFrame {
    }
}
