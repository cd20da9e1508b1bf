package io.rnnkit.text;

import java.util.Map;
import java.util.Set;

/** Shared tokenizer checks: null input, and typed values from a settings map with one-line errors. */
final class Settings {
    private Settings() {
    }

    /** Rejects null input with a one-line message. */
    static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text to tokenize must not be null");
        }
        return text;
    }

    static void checkKeys(Map<String, String> settings, String kind, Set<String> allowed) {
        for (String key : settings.keySet()) {
            if (!key.equals(Tokenizer.KIND) && !allowed.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' for " + kind
                        + " tokenizer (allowed: " + allowed + ")");
            }
        }
        if (!kind.equals(settings.get(Tokenizer.KIND))) {
            throw new IllegalArgumentException("settings are for a '" + settings.get(Tokenizer.KIND)
                    + "' tokenizer, not '" + kind + "'");
        }
    }

    static boolean bool(Map<String, String> settings, String key, boolean fallback) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("setting '" + key + "' must be true or false, got '" + v + "'");
    }

    static <E extends Enum<E>> E choice(Map<String, String> settings, String key, Class<E> type, E fallback) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("setting '" + key + "' must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
    }
}
