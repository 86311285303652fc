package dev.bitquark.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of JSON request bodies (see {@link JsonRequest}): a body that does not parse or does
 * not fit its record is a 400 {@code bad_json} in the API's error form, naming the field
 * ({@code files[2].index}) and the position; for partial updates (limits, settings) unknown keys and
 * values of the wrong type or range are a 400 that names the key. Stateless; the mapper is thread-safe.
 */
public final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    /** {@code body} as a {@code type}; an empty body is a 400 that says what to send ({@code example}). */
    static <T> T read(String body, Class<T> type, String example) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("bad_json", "empty body: send " + example);
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("bad_json", "the body is null: send " + example);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw refusal(e) instanceof ApiException refused ? refused : badJson(e);
        }
    }

    /** The refusal a request record's creator threw, which Jackson wrapped; null for a JSON error. */
    private static ApiException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException a) {
                return a;
            }
        }
        return null;
    }

    /** A request record's body as a JSON object (a creator's input); anything else is a 400. */
    public static ObjectNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("bad_json", "expected a JSON object");
        }
        return (ObjectNode) body;
    }

    /**
     * Refuses keys outside {@code editable}: those in {@code readOnly} as {@code read_only_setting},
     * others as {@code unknown_setting}; the message names the key.
     */
    static void onlyKeys(ObjectNode body, Set<String> editable, Set<String> readOnly, String readOnlyHint) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (readOnly.contains(key)) {
                throw ApiException.badField("read_only_setting", key, "setting \"" + key + "\" is read-only: "
                        + readOnlyHint);
            }
            if (!editable.contains(key)) {
                throw ApiException.badRequest("unknown_setting", "unknown setting \"" + clip(key) + "\"; known: "
                        + String.join(", ", editable.stream().sorted().toList()));
            }
        }
    }

    /** Refuses fields outside {@code known} with 400 {@code unknown_field} naming the field and the known ones. */
    public static void onlyFields(ObjectNode body, List<String> known) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw ApiException.badRequest("unknown_field", "unknown field \"" + clip(key) + "\"; known fields: "
                        + String.join(", ", known));
            }
        }
    }

    /** A string field, or null when absent or JSON null; anything else is a 400 naming it. */
    public static String text(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("bad_json", "field \"" + key + "\" must be a string");
        }
        return v.textValue();
    }

    /** An integer in {@code [min, max]}. */
    static long integer(ObjectNode body, String key, long min, long max) {
        JsonNode v = body.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badField("bad_setting", key, "setting \"" + key + "\" must be an integer");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw ApiException.badField("bad_setting", key, "setting \"" + key + "\" is " + n + ", outside " + min
                    + ".." + max);
        }
        return n;
    }

    /** A JSON true or false (not a string or a number). */
    static boolean bool(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || !v.isBoolean()) {
            throw ApiException.badField("bad_setting", key, "setting \"" + key + "\" must be true or false");
        }
        return v.booleanValue();
    }

    static String clip(String s) {
        String c = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }

    private static ApiException badJson(JsonProcessingException e) {
        return ApiException.badRequest("bad_json", describe(e));
    }

    /**
     * A JSON error in plain words: where (the field path, {@code files[2].index}, and the line and column) and
     * what was expected there. Never Jackson's own text, which names Java classes and parser features.
     */
    static String describe(JsonProcessingException e) {
        String where = e instanceof JsonMappingException jm && !jm.getPath().isEmpty() ? path(jm) : null;
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            known.sort(null);
            what = "unknown field \"" + clip(u.getPropertyName()) + "\"" + (known.isEmpty() ? ""
                    : "; known fields: " + String.join(", ", known));
            where = where != null && where.contains(".") ? where.substring(0, where.lastIndexOf('.')) : null;
        } else if (e instanceof InvalidFormatException f) {
            what = "expected " + expected(f.getTargetType()) + ", got " + clip(String.valueOf(f.getValue()));
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String got = found(m.getOriginalMessage());
            what = "expected " + expected(m.getTargetType()) + (got == null ? "" : ", got " + got);
        } else if (e instanceof StreamConstraintsException) {
            what = "the JSON is too large or nested too deeply";
        } else if (e instanceof InputCoercionException) {
            what = "the number is too large";
        } else {
            what = syntax(e.getOriginalMessage());
        }
        StringBuilder m = new StringBuilder(e instanceof JsonMappingException && !(e instanceof
                StreamConstraintsException) ? "the JSON body does not fit" : "the body is not valid JSON");
        if (where != null && !where.isEmpty()) {
            m.append(" at ").append(where);
        }
        m.append(": ").append(what);
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            m.append(" (line ").append(e.getLocation().getLineNr()).append(", column ")
                    .append(e.getLocation().getColumnNr()).append(')');
        }
        return m.toString();
    }

    /** What a value of {@code type} looks like in JSON, for a person. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        return "an object {...}";
    }

    /** What was found instead, from the mapper's message ("... from Array value (token ...)"), or null. */
    private static String found(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("from ([A-Za-z-]+) value").matcher(
                message == null ? "" : message);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1)) {
            case "Array" -> "a list";
            case "Object" -> "an object";
            case "String" -> "a string";
            case "Integer" -> "a whole number";
            case "Floating-point" -> "a decimal number";
            case "Boolean" -> "true or false";
            case "Null" -> "null";
            default -> null;
        };
    }

    /** A syntax error in plain words, from the parser's message (whose wording is stable across versions). */
    private static String syntax(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Unexpected end-of-input")) {
            return "it ends too early (a bracket, brace or quote is not closed)";
        }
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("Unrecognized token '([^']*)'").matcher(m);
        if (token.find()) {
            return "unexpected text '" + clip(token.group(1)) + "' (strings need double quotes)";
        }
        java.util.regex.Matcher ch = java.util.regex.Pattern.compile("Unexpected character \\('(.)'").matcher(m);
        if (ch.find()) {
            return "unexpected character '" + clip(ch.group(1)) + "'";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character (such as a line break) inside a string must be escaped";
        }
        if (m.startsWith("Unexpected close marker")) {
            return "a closing bracket or brace does not match the opening one";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "the body is not UTF-8 text";
        }
        if (m.contains("trailing token")) {
            return "there is more after the JSON value";
        }
        return "malformed JSON";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return sb.toString();
    }
}
