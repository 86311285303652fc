package dev.bitquark.app.compat.transmission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.config.BitquarkConfig;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Transmission's RPC at {@code /transmission/rpc} and {@code /rpc} (with or without the trailing slash that
 * transmission-remote 3.00 adds), so that Sonarr, Radarr, transmission-remote and the Transmission remotes drive
 * bitquark as they drive Transmission (its legacy protocol, rpc-version 17). Authentication is the security
 * filter's (401 with a Basic challenge of realm "Transmission"); then, as Transmission does, any request, GET
 * included, without the current {@code X-Transmission-Session-Id} gets 409 with that header (Sonarr's handshake
 * is such a GET and accepts only 409); then the JSON request runs and its answer is HTTP 200 whatever the
 * result, with the {@code tag} echoed (transmission-remote routes answers by tag). Only the legacy protocol is
 * spoken, so the 409 carries no {@code X-Transmission-Rpc-Version} (Transmission 4.1 clients fall back to it).
 * The session id is random per process: it is Transmission's CSRF guard (a form on another site cannot set it).
 */
@ApplicationScoped
public class TransmissionRpc {
    private static final Logger LOG = Logger.getLogger(TransmissionRpc.class);
    static final String SESSION_HEADER = "X-Transmission-Session-Id";
    /** A base64 .torrent of the largest accepted size, and the JSON around it. */
    static final long MAX_BODY = 16L << 20;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final RpcMethods methods;
    private final BitquarkConfig config;
    private final ObjectMapper json;
    private final String sessionId;

    TransmissionRpc(CompatTorrents torrents, BitquarkConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json.copy();
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(20).maxStringLength((int) MAX_BODY).maxNumberLength(64).build());
        this.methods = new RpcMethods(torrents, sessionIdFor());
        this.sessionId = methods.sessionId();
    }

    private static String sessionIdFor() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(48);
        for (int i = 0; i < 48; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    void register(@Observes Router router) {
        if (!config.compat().transmission()) {
            return;
        }
        for (String path : new String[] {"/transmission/rpc", "/transmission/rpc/", "/rpc", "/rpc/"}) {
            router.route(path).order(-10).handler(this::read);
        }
    }

    /**
     * Reads the body as it is, at most {@link #MAX_BODY} bytes: clients post JSON with a form content type
     * (curl's default, in transmission-remote), so no form decoding may touch it.
     */
    void read(RoutingContext rc) {
        io.vertx.core.http.HttpServerRequest req = rc.request();
        String length = req.getHeader("Content-Length");
        if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > MAX_BODY) {
            rc.response().setStatusCode(413).putHeader("Content-Type", "text/plain").end("request larger than "
                    + MAX_BODY + " bytes");
            return;
        }
        if (req.isEnded()) {
            handle(rc, io.vertx.core.buffer.Buffer.buffer());
            return;
        }
        io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer();
        boolean[] tooLarge = {false};
        req.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY) {
                tooLarge[0] = true;
                rc.response().setStatusCode(413).putHeader("Content-Type", "text/plain").putHeader("Connection", "close")
                        .end("request larger than " + MAX_BODY + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!tooLarge[0]) {
                handle(rc, body);
            }
        });
        req.resume();
    }

    void handle(RoutingContext rc, io.vertx.core.buffer.Buffer raw) {
        io.vertx.core.Context context = rc.vertx().getOrCreateContext();
        HttpServerResponse r = rc.response();
        r.putHeader("Server", "bitquark");
        String given = rc.request().getHeader(SESSION_HEADER);
        if (!sessionId.equals(given)) {
            r.setStatusCode(409).putHeader(SESSION_HEADER, sessionId)
                    .putHeader("Access-Control-Expose-Headers", SESSION_HEADER)
                    .putHeader("Content-Type", "text/html; charset=UTF-8")
                    .end("<h1>409: Conflict</h1><p>Your request had an invalid session-id header.</p>"
                            + "<p>To fix this, remember the X-Transmission-Session-Id header of this answer and send "
                            + "it with your requests.</p><p><code>" + SESSION_HEADER + ": " + sessionId + "</code></p>");
            return;
        }
        r.putHeader(SESSION_HEADER, sessionId);
        ObjectNode request;
        try {
            JsonNode node = raw.length() == 0 ? null : json.readTree(raw.getBytes());
            if (!(node instanceof ObjectNode o)) {
                answer(rc, RpcMethods.failure(null, "request is not a JSON object"));
                return;
            }
            request = o;
        } catch (java.io.IOException | RuntimeException e) {
            answer(rc, RpcMethods.failure(null, "request is not valid JSON: " + clip(e.getMessage())));
            return;
        }
        JsonNode tag = request.get("tag");
        String method = request.path("method").asText("");
        JsonNode args = request.path("arguments");
        CompletionStage<ObjectNode> result;
        try {
            result = methods.call(method, args.isObject() ? (ObjectNode) args : json.createObjectNode());
        } catch (RuntimeException e) {
            answer(rc, RpcMethods.failure(tag, message(e)));
            return;
        }
        result.whenComplete((arguments, error) -> context.runOnContext(v -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (!(cause instanceof CompatTorrents.Refused) && !(cause instanceof IllegalArgumentException)
                        && !(cause instanceof CompatTorrents.Unavailable)
                        && !(cause instanceof dev.bitquark.app.api.ApiException)
                        && !(cause instanceof dev.bitquark.engine.EngineException)) {
                    LOG.warnf(cause, "transmission rpc %s failed", clip(method));
                }
                answer(rc, RpcMethods.failure(tag, message(cause)));
            } else {
                answer(rc, RpcMethods.success(tag, arguments));
            }
        }));
    }

    private void answer(RoutingContext rc, ObjectNode body) {
        HttpServerResponse r = rc.response();
        if (r.ended() || r.closed()) {
            return;
        }
        try {
            r.setStatusCode(200).putHeader("Content-Type", "application/json; charset=UTF-8")
                    .end(io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            r.setStatusCode(500).end();
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String c = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }
}
