package dev.bitquark.app.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.metainfo.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void readsASubscriptionToPeers() {
        assertEquals(new ClientMessage.Subscribe(InfoHash.fromHex(HASH), java.util.Set.of(EngineSnapshot.Part.PEERS)),
                ClientMessage.parse("{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\",\"peers\":true}", JSON));
        assertEquals(new ClientMessage.Subscribe(InfoHash.fromHex(HASH), java.util.Set.of(EngineSnapshot.Part.PEERS)),
                ClientMessage.parse("{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\"}", JSON), "peers defaults to true");
        assertEquals(new ClientMessage.Subscribe(InfoHash.fromHex(HASH), java.util.Set.of()),
                ClientMessage.parse("{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\",\"peers\":false}", JSON));
        assertEquals(new ClientMessage.Subscribe(InfoHash.fromHex(HASH), java.util.Set.of(EngineSnapshot.Part.FILES,
                        EngineSnapshot.Part.PIECES)),
                ClientMessage.parse("{\"type\":\"subscribe\",\"torrent\":\"" + HASH
                        + "\",\"topics\":[\"files\",\"pieces\",\"files\"],\"peers\":true}", JSON), "topics win over peers");
        assertEquals(new ClientMessage.Subscribe(InfoHash.fromHex(HASH), java.util.Set.of()),
                ClientMessage.parse("{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\",\"topics\":[]}", JSON));
    }

    @Test
    void readsAnUnsubscription() {
        assertEquals(new ClientMessage.Unsubscribe(InfoHash.fromHex(HASH)),
                ClientMessage.parse("{\"type\":\"unsubscribe\",\"torrent\":\"" + HASH.toUpperCase() + "\"}", JSON));
    }

    @Test
    void readsAResync() {
        assertEquals(new ClientMessage.Resync(), ClientMessage.parse("{\"type\":\"resync\"}", JSON));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"nope\"}|unknown_type|unknown message type \"nope\": expected subscribe, unsubscribe, resync or visibility",
            "not json|bad_json|",
            "[1,2]|bad_message|expected a JSON object like {\"type\":\"subscribe\",...}",
            "42|bad_message|",
            "{}|bad_message|field \"type\" is missing or not a string",
            "{\"type\":7}|bad_message|field \"type\" is missing or not a string",
            "{\"type\":\"subscribe\"}|bad_message|field \"torrent\" is missing or not a string",
            "{\"type\":\"subscribe\",\"torrent\":\"abc\"}|bad_torrent|field \"torrent\" is \"abc\", not a 40-hex info-hash",
            "{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\",\"peers\":\"yes\"}|bad_message|field \"peers\" must be true or false",
            "{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\",\"topics\":[\"disk\"]}|bad_topic|unknown topic \"disk\": expected peers, files, trackers, pieces",
            "{\"type\":\"subscribe\",\"torrent\":\"" + HASH + "\",\"topics\":\"files\"}|bad_message|field \"topics\" must be a list of at most 4 of peers, files, trackers, pieces",
            "{\"type\":\"unsubscribe\",\"torrent\":null}|bad_message|field \"torrent\" is missing or not a string"})
    void refusesABadMessageWithACodeAndAReason(String text, String code, String message) {
        ClientMessage.Invalid bad = assertInstanceOf(ClientMessage.Invalid.class, ClientMessage.parse(text, JSON));
        assertEquals(code, bad.code());
        if (message != null) {
            assertEquals(message, bad.message());
        }
    }

    @Test
    void refusesAnOversizedMessageWithoutParsingIt() {
        String big = "{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(ClientMessage.MAX_CHARS) + "\"}";
        ClientMessage.Invalid bad = assertInstanceOf(ClientMessage.Invalid.class, ClientMessage.parse(big, JSON));
        assertEquals("too_large", bad.code());
        // Deep nesting would cost a recursive parser its stack; the size cap comes first.
        String deep = "[".repeat(100_000);
        assertEquals("too_large", assertInstanceOf(ClientMessage.Invalid.class, ClientMessage.parse(deep, JSON)).code());
    }

    @Test
    void quotesAnUnknownTypeShortenedAndWithoutControlCharacters() {
        String type = "x\n".repeat(100);
        ClientMessage.Invalid bad = assertInstanceOf(ClientMessage.Invalid.class,
                ClientMessage.parse(JSON.createObjectNode().put("type", type).toString(), JSON));
        assertEquals("unknown_type", bad.code());
        assertEquals(-1, bad.message().indexOf('\n'));
        assertEquals(true, bad.message().length() < 150, bad.message());
    }
}
