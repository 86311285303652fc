package dev.bitquark.app.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Product name and version, for the UI header and for scripts checking what they talk to. */
@Path("/api/v1/version")
@Tag(name = "server")
public class VersionResource {
    private final String version;

    VersionResource(@ConfigProperty(name = "quarkus.application.version") String version) {
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Product name and version")
    public Uni<VersionDto> version() {
        return Uni.createFrom().item(new VersionDto("bitquark", version));
    }

    /** {@code {"name": "bitquark", "version": "0.1.0"}}. */
    public record VersionDto(String name, String version) {
    }
}
