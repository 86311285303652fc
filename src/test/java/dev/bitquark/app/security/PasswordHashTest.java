package dev.bitquark.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    final SecureRandom random = new SecureRandom();

    @Test
    void acceptsTheRightPasswordOnly() {
        PasswordHash h = PasswordHash.create("correct horse".toCharArray(), random, PasswordHash.MIN_ITERATIONS);
        assertTrue(h.matches("correct horse".toCharArray()));
        assertFalse(h.matches("correct hors".toCharArray()));
        assertFalse(h.matches("correct horse ".toCharArray()));
        assertFalse(h.matches(new char[0]));
        assertFalse(h.matches(null));
    }

    @Test
    void roundTripsThroughItsEncoding() {
        PasswordHash h = PasswordHash.create("pw".toCharArray(), random, PasswordHash.MIN_ITERATIONS);
        PasswordHash back = PasswordHash.decode(h.encode());
        assertEquals(h, back);
        assertTrue(back.matches("pw".toCharArray()));
    }

    @Test
    void sameSaltNeverRepeats() {
        PasswordHash a = PasswordHash.create("pw".toCharArray(), random, PasswordHash.MIN_ITERATIONS);
        PasswordHash b = PasswordHash.create("pw".toCharArray(), random, PasswordHash.MIN_ITERATIONS);
        assertFalse(a.encode().equals(b.encode()), "each hash has its own salt");
    }

    @Test
    void defaultWorkFactorIsAtLeastOneHundredThousandIterations() {
        assertTrue(PasswordHash.DEFAULT_ITERATIONS >= 100_000);
        assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.create("pw".toCharArray(), random, 99_999));
    }

    @Test
    void rejectsMalformedEncodingsWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.decode("md5$1$2$3"))
                .getMessage().contains("must look like"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.decode("pbkdf2-sha256$x$AAAA$AAAA")).getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.decode("pbkdf2-sha256$200000$!!$AAAA")).getMessage().contains("salt"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.decode("pbkdf2-sha256$200000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"))
                .getMessage().contains("bytes"));
    }

    @Test
    void refusesEmptyAndOverlongPasswords() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.create(new char[0], random));
        char[] huge = new char[PasswordHash.MAX_PASSWORD_CHARS + 1];
        Arrays.fill(huge, 'a');
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.create(huge, random));
    }

    /** Every secret comparison goes through MessageDigest.isEqual, never an early-exit equals. */
    @Test
    void comparesSecretsInConstantTime() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bitquark.app.security");
        JavaClass hash = classes.get(PasswordHash.class);
        JavaMethod matches = hash.getMethod("matches", char[].class);
        assertTrue(callsIsEqual(matches), "PasswordHash.matches must compare with MessageDigest.isEqual");
        assertTrue(callsIsEqual(classes.get(Authenticator.class).getMethod("checkQuickly", String.class, String.class)),
                "the verified-password shortcut must compare with MessageDigest.isEqual");
        assertTrue(callsIsEqual(classes.get(ApiTokens.class).getMethod("verify", String.class)),
                "API tokens must be compared with MessageDigest.isEqual");

        Set<String> arraysEquals = classes.stream()
                .flatMap(c -> c.getMethodCallsFromSelf().stream())
                .filter(call -> call.getTargetOwner().isEquivalentTo(Arrays.class)
                        && call.getName().equals("equals")
                        && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(byte[].class))
                .map(call -> call.getOrigin().getFullName())
                .collect(Collectors.toSet());
        assertTrue(arraysEquals.isEmpty(), "byte[] compared with Arrays.equals in " + arraysEquals);
    }

    private static boolean callsIsEqual(JavaMethod method) {
        for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
            if (call.getTargetOwner().isEquivalentTo(MessageDigest.class) && call.getName().equals("isEqual")) {
                return true;
            }
        }
        return false;
    }
}
