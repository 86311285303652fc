package dev.bitquark.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content types by extension, playlist text and base URLs, and the Content-Disposition file name. */
class MediaTypesAndPlaylistTest {
    @Test
    void typeComesFromTheExtensionCaseInsensitively() {
        assertEquals("video/mp4", MediaTypes.of("a/b/Film.MP4"));
        assertEquals("video/x-matroska", MediaTypes.of("x.mkv"));
        assertEquals("video/webm", MediaTypes.of("x.webm"));
        assertEquals("audio/mpeg", MediaTypes.of("01 - song.mp3"));
        assertEquals("audio/flac", MediaTypes.of("t.flac"));
        assertEquals("text/plain; charset=utf-8", MediaTypes.of("readme.txt"));
        assertEquals(MediaTypes.DEFAULT, MediaTypes.of("page.html"), "never served as a page of this origin");
        assertEquals(MediaTypes.DEFAULT, MediaTypes.of("image.svg"));
        assertEquals(MediaTypes.DEFAULT, MediaTypes.of("noextension"));
        assertEquals(MediaTypes.DEFAULT, MediaTypes.of(".mp4"), "a hidden file, not an extension");
        assertEquals(MediaTypes.DEFAULT, MediaTypes.of("trailing."));
        assertEquals(MediaTypes.DEFAULT, MediaTypes.of("dir.mp4/file"));
        assertTrue(MediaTypes.isMedia("a.ogg"));
        assertFalse(MediaTypes.isMedia("a.srt"));
    }

    @Test
    void playlistHasTheSelectedMediaFilesInPathOrderWithTheToken() throws Exception {
        byte[] one = {1};
        Metainfo meta = Metainfo.parse(TorrentWriter.multiFile("album").pieceLength(16384)
                .addFile(List.of("b.mp3"), one).addFile(List.of("cover.jpg"), one).addFile(List.of("a", "z.flac"), one)
                .addFile(List.of("skip.mp3"), one).write());
        String text = Playlist.of(meta, List.of(FilePriority.NORMAL, FilePriority.NORMAL, FilePriority.LOW,
                FilePriority.SKIP), "http://nas:3030", "bqt_x y");
        String prefix = "http://nas:3030/api/v1/torrents/" + meta.infoHash().toHex() + "/files/";
        assertEquals(List.of("#EXTM3U", "#EXTINF:-1,a/z.flac", prefix + "2/stream?token=bqt_x+y",
                "#EXTINF:-1,b.mp3", prefix + "0/stream?token=bqt_x+y"), text.lines().toList());
        assertFalse(Playlist.of(meta, List.of(FilePriority.NORMAL, FilePriority.NORMAL, FilePriority.LOW,
                FilePriority.SKIP), "http://nas", null).contains("?"));
    }

    @Test
    void baseUrlLeavesOutDefaultPortsAndBracketsIpv6() {
        assertEquals("http://nas.local:3030", Playlist.base("http", "nas.local", 3030));
        assertEquals("http://nas.local", Playlist.base("http", "nas.local", 80));
        assertEquals("https://bq.example.org", Playlist.base("https", "bq.example.org", 443));
        assertEquals("https://bq.example.org", Playlist.base("https", "bq.example.org", -1));
        assertEquals("http://[::1]:3030", Playlist.base("http", "::1", 3030));
        assertEquals("http://[::1]:3030", Playlist.base("http", "[::1]", 3030));
    }

    @Test
    void dispositionEncodesTheNameForRfc8187() {
        assertEquals("inline; filename*=UTF-8''movie.mkv", StreamResource.disposition("movie.mkv"));
        assertEquals("inline; filename*=UTF-8''My%20Film%20%C3%A9t%C3%A9%20%2A%22%3B.mp4",
                StreamResource.disposition("My Film été *\";.mp4"));
    }
}
