package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bitquark.metainfo.TrackerUrls;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/v1/torrents/{id}/trackers}: announce URLs (http, https or udp) to add. */
@Schema(description = "Tracker announce URLs to add, each in a tier of its own",
        example = "{\"urls\": [\"udp://tracker.example:6969/announce\"]}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record TrackersRequest(
        @Schema(required = true, minItems = 1, maxItems = TrackerUrls.MAX_TRACKERS) List<String> urls)
        implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrackersRequest of(JsonNode body) {
        return new TrackersRequest(StringList.read(body, "urls", TrackerUrls.MAX_TRACKERS));
    }
}
