package dev.bitquark.app.logging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Reads and changes log levels per category at run time (not persisted: a restart returns to the
 * configuration). Loggers whose level was changed here are held strongly, so that the change cannot
 * vanish with a garbage-collected logger. Levels below {@code quarkus.log.min-level} (DEBUG by
 * default, fixed at build time) are accepted but print nothing. Thread-safe.
 */
@ApplicationScoped
public class LogLevels {
    /** Accepted names, most to least severe; OFF and ALL are the two ends. */
    static final Map<String, Level> LEVELS;

    static {
        Map<String, Level> m = new LinkedHashMap<>();
        m.put("OFF", Level.OFF);
        m.put("FATAL", org.jboss.logmanager.Level.FATAL);
        m.put("ERROR", org.jboss.logmanager.Level.ERROR);
        m.put("WARN", org.jboss.logmanager.Level.WARN);
        m.put("INFO", org.jboss.logmanager.Level.INFO);
        m.put("DEBUG", org.jboss.logmanager.Level.DEBUG);
        m.put("TRACE", org.jboss.logmanager.Level.TRACE);
        m.put("ALL", Level.ALL);
        LEVELS = Collections.unmodifiableMap(m);
    }

    private static final int MAX_CATEGORY = 200;

    /**
     * One category. {@code level} is the level set on it (null: inherited); {@code effectiveLevel}
     * is what applies. The root category is "".
     */
    public record CategoryLevel(String category, String level, String effectiveLevel) {
    }

    private final Map<String, Logger> changed = new ConcurrentHashMap<>();

    /** The root and every category with a level of its own, sorted by name. */
    public List<CategoryLevel> list() {
        List<CategoryLevel> out = new ArrayList<>();
        var names = LogManager.getLogManager().getLoggerNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Logger l = LogManager.getLogManager().getLogger(name);
            if (l != null && (l.getLevel() != null || name.isEmpty())) {
                out.add(describe(name, l));
            }
        }
        if (out.stream().noneMatch(c -> c.category().isEmpty())) {
            out.add(get(""));
        }
        out.sort(Comparator.comparing(CategoryLevel::category));
        return out;
    }

    /** One category, existing or not. @throws IllegalArgumentException for a malformed name */
    public CategoryLevel get(String category) {
        checkCategory(category);
        return describe(category, Logger.getLogger(category));
    }

    /**
     * Sets {@code level} on {@code category}; a null or empty level makes it inherit again (not
     * allowed for the root).
     *
     * @throws IllegalArgumentException naming the bad category or level
     */
    public CategoryLevel set(String category, String level) {
        checkCategory(category);
        Level parsed = null;
        if (level != null && !level.isBlank()) {
            parsed = LEVELS.get(level.strip().toUpperCase(Locale.ROOT));
            if (parsed == null) {
                throw new IllegalArgumentException("level '" + clip(level) + "' is not one of "
                        + String.join(", ", LEVELS.keySet()));
            }
        } else if (category.isEmpty()) {
            throw new IllegalArgumentException("the root category needs a level");
        }
        Logger logger = Logger.getLogger(category);
        logger.setLevel(parsed);
        if (parsed == null) {
            changed.remove(category);
        } else {
            changed.put(category, logger);
        }
        return describe(category, logger);
    }

    private static CategoryLevel describe(String name, Logger l) {
        Level own = l.getLevel();
        Level effective = own;
        for (Logger p = l.getParent(); effective == null && p != null; p = p.getParent()) {
            effective = p.getLevel();
        }
        return new CategoryLevel(name, own == null ? null : name(own), effective == null ? "INFO" : name(effective));
    }

    /**
     * The name of {@code level} in the vocabulary the API accepts ({@link #LEVELS}): java.util.logging's
     * FINE, FINER, FINEST, CONFIG and SEVERE (used by parts of the server and its libraries) become DEBUG, TRACE,
     * DEBUG and ERROR, so what is set and what is shown use the same words.
     */
    public static String name(Level level) {
        int v = level.intValue();
        if (v == Level.OFF.intValue()) {
            return "OFF";
        }
        if (v == Level.ALL.intValue()) {
            return "ALL";
        }
        if (v >= org.jboss.logmanager.Level.FATAL.intValue()) {
            return "FATAL";
        }
        if (v >= org.jboss.logmanager.Level.ERROR.intValue()) {
            return "ERROR";
        }
        if (v >= org.jboss.logmanager.Level.WARN.intValue()) {
            return "WARN";
        }
        if (v >= org.jboss.logmanager.Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= org.jboss.logmanager.Level.DEBUG.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    static void checkCategory(String category) {
        if (category == null) {
            throw new IllegalArgumentException("field 'category' is missing (use \"\" for the root)");
        }
        if (category.length() > MAX_CATEGORY) {
            throw new IllegalArgumentException("category is longer than " + MAX_CATEGORY + " characters");
        }
        for (int i = 0; i < category.length(); i++) {
            char c = category.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '$' || c == '-')) {
                throw new IllegalArgumentException("category contains '" + (c < 0x20 ? "\\u" + (int) c : c)
                        + "' at position " + i + "; only letters, digits and . _ $ - are allowed");
            }
        }
        if (category.startsWith(".") || category.endsWith(".") || category.contains("..")) {
            throw new IllegalArgumentException("category '" + category + "' has an empty segment");
        }
    }

    private static String clip(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}
