package dev.bitquark.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitquark.app.config.StartSetting;
import dev.bitquark.app.config.StartSettings;
import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.app.security.HostPolicy;
import dev.bitquark.app.security.TrustedProxies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code PUT /api/v1/settings/start}: changes settings that take effect at the next start (the
 * {@code start} part of {@code GET /api/v1/settings}), kept in the data folder's start settings
 * file. All or nothing: every key is checked before the file is written. A key set by an
 * environment variable or a command-line option is refused: that setting wins over the file, so
 * saving it would change nothing. Stateless.
 */
@Path("/api/v1/settings/start")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class StartSettingsResource {
    private static final Logger LOG = Logger.getLogger(StartSettingsResource.class);
    private final StartSettings start;
    private final SettingsResource settings;

    StartSettingsResource(StartSettings start, SettingsResource settings) {
        this.start = start;
        this.settings = settings;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change settings that apply at the next start (peerPort, downloadDir, dht, ...); null goes "
            + "back to the configured value; answers the whole settings document")
    @RequestBody(content = @Content(schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums
            .SchemaType.OBJECT, example = "{\"peerPort\": 6881, \"dht\": false, \"downloadDir\": null}")))
    public SettingsResource.SettingsDto put(String body) {
        JsonNode json = JsonBodies.read(body, JsonNode.class, "{\"peerPort\": 6881}");
        var o = JsonBodies.object(json);
        Map<String, String> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            StartSetting s = StartSetting.byKey(e.getKey());
            if (s == null) {
                throw ApiException.badField("unknown_setting", JsonBodies.clip(e.getKey()), "unknown start setting \""
                        + JsonBodies.clip(e.getKey()) + "\"; known: " + known());
            }
            String locked = start.lockedBy(s);
            if (locked != null) {
                throw ApiException.badField("locked_setting", s.key(), "setting \"" + s.key() + "\" is set by "
                        + locked + ", which wins over the settings page: change it there");
            }
            try {
                String text = e.getValue().isNull() ? null : s.text(value(e.getValue()));
                if (text != null) {
                    startsWith(s, text);
                }
                changes.put(s.property(), text);
            } catch (IllegalArgumentException bad) {
                throw ApiException.badField("bad_setting", s.key(), bad.getMessage());
            }
        }
        try {
            start.change(changes);
        } catch (IOException e) {
            throw new ApiException(500, "not_saved", "cannot write " + start.file() + ": " + e.getMessage());
        }
        LOG.infof("start settings changed (%s), in force after a restart", String.join(", ", changes.keySet()));
        return settings.get();
    }

    /**
     * The parsers the next start will use, run now on what is about to be stored: a value they would
     * refuse (a CIDR of /33, a router at port 0) would otherwise keep the server from starting.
     */
    private static void startsWith(StartSetting s, String text) {
        List<String> list = List.of(text.split(","));
        switch (s) {
            case TRUSTED_PROXIES -> TrustedProxies.parse(list);
            case ALLOWED_HOSTS -> new HostPolicy(list);
            case DHT_BOOTSTRAP -> Discovery.bootstrap(list);
            default -> {
            }
        }
    }

    private static Object value(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray() && v.size() <= 64) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(x.isTextual() ? x.textValue() : x.toString()));
            return out;
        }
        return v.toString();
    }

    private static String known() {
        List<String> out = new ArrayList<>();
        for (StartSetting s : StartSetting.values()) {
            out.add(s.key());
        }
        return String.join(", ", out);
    }
}
