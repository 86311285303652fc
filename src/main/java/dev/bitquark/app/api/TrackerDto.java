package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bitquark.tracker.TrackerStatus;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One tracker of a torrent as the API shows it. Times are ISO-8601 instants (null: never / not
 * scheduled); counts are from the tracker's last answer (-1: unknown). Immutable.
 *
 * @param status {@code not_contacted}, {@code updating}, {@code ok}, {@code error} or {@code unsupported}
 * @param peers peers in the last successful answer
 * @param lastError why the last announce failed (status {@code error} or {@code unsupported})
 * @param warning the tracker's warning in its last successful answer
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrackerDto(String url, int tier,
                         @Schema(enumeration = {"not_contacted", "updating", "ok", "error", "unsupported"}) String status,
                         @Schema(nullable = true) String lastAnnounce, @Schema(nullable = true) String nextAnnounce,
                         int seeders, int leechers, int peers, @Schema(nullable = true) String lastError,
                         @Schema(nullable = true) String warning) {

    public static TrackerDto of(TrackerStatus s) {
        boolean failed = s.lastResult() == TrackerStatus.Result.ERROR
                || s.lastResult() == TrackerStatus.Result.UNSUPPORTED;
        return new TrackerDto(s.url(), s.tier(), s.lastResult().name().toLowerCase(Locale.ROOT),
                iso(s.lastAnnounce()), iso(s.nextAnnounce()), s.seeders(), s.leechers(), s.peers(),
                failed ? s.message() : null, failed ? null : s.message());
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
