package dev.bitquark.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
    @TempDir
    Path dir;

    final SecureRandom random = new SecureRandom();

    @Test
    void createdTokensVerifyAndSurviveARestart() throws IOException {
        ApiTokens tokens = ApiTokens.open(dir, random);
        ApiTokens.Created c = tokens.create("backup script", Instant.parse("2026-01-02T03:04:05Z"));

        assertTrue(tokens.verify(c.token()));
        assertFalse(Files.readString(dir.resolve(ApiTokens.FILE_NAME)).contains(c.token().substring(21)),
                "only the digest of the secret is stored");

        ApiTokens reopened = ApiTokens.open(dir, random);
        assertTrue(reopened.verify(c.token()));
        assertEquals("backup script", reopened.list().get(0).label());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), reopened.list().get(0).created());
    }

    @Test
    void revokedTokensStopWorking() {
        ApiTokens tokens = ApiTokens.open(dir, random);
        ApiTokens.Created c = tokens.create("", Instant.now());
        assertTrue(tokens.revoke(c.info().id()));
        assertFalse(tokens.verify(c.token()));
        assertFalse(ApiTokens.open(dir, random).verify(c.token()));
        assertFalse(tokens.revoke(c.info().id()));
    }

    @Test
    void aChangedSecretOrIdIsRefused() {
        ApiTokens tokens = ApiTokens.open(dir, random);
        String t = tokens.create("x", Instant.now()).token();
        char last = t.charAt(t.length() - 1);
        assertFalse(tokens.verify(t.substring(0, t.length() - 1) + (last == 'A' ? 'B' : 'A')));
        assertFalse(tokens.verify("bqt_0000000000000000" + t.substring(20)));
        assertFalse(tokens.verify("Bearer " + t));
        assertFalse(tokens.verify(""));
    }

    @Test
    void labelsAreCheckedAndCountIsCapped() {
        ApiTokens tokens = ApiTokens.open(dir, random);
        assertThrows(IllegalArgumentException.class, () -> tokens.create("a\nb", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> tokens.create("x".repeat(65), Instant.now()));
        for (int i = 0; i < ApiTokens.MAX_TOKENS; i++) {
            tokens.create("t" + i, Instant.now());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tokens.create("one more", Instant.now()))
                .getMessage().contains("revoke"));
    }

    @Test
    void damagedFileIsAnErrorNamingTheLine() throws IOException {
        Files.writeString(dir.resolve(ApiTokens.FILE_NAME), "bitquark-tokens=1\ntoken=zz:yy:1:\n");
        AuthSetupException e = assertThrows(AuthSetupException.class, () -> ApiTokens.open(dir, random));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
