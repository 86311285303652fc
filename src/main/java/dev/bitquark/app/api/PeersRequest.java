package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/v1/torrents/{id}/peers}: peer addresses as IP literals with a port. */
@Schema(description = "Peers to dial, ip:port (IPv6 as [addr]:port), no host names",
        example = "{\"peers\": [\"192.0.2.7:51413\", \"[2001:db8::1]:6881\"]}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record PeersRequest(
        @Schema(required = true, minItems = 1, maxItems = PeersRequest.MAX_PEERS) List<String> peers)
        implements JsonRequest {
    /** Peers one request may add. */
    static final int MAX_PEERS = 200;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PeersRequest of(JsonNode body) {
        return new PeersRequest(StringList.read(body, "peers", MAX_PEERS));
    }
}
