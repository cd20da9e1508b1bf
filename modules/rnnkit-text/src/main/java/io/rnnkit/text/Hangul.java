package io.rnnkit.text;

/**
 * Hangul syllables and their letters (jamo), exactly and reversibly.
 *
 * <p>A modern syllable block (가 … 힣, U+AC00–U+D7A3, 11,172 of them) is a leading consonant, a vowel and an
 * optional trailing consonant. {@link #decompose} writes every syllable as its two or three <em>conjoining
 * jamo</em> (한 → ᄒ ᅡ ᆫ: U+1112 U+1161 U+11AB, as Unicode's canonical decomposition does) and leaves every other
 * character as it is; {@link #compose} joins each modern leading + vowel (+ trailing) sequence back into its
 * syllable and leaves everything else alone. So {@code compose(decompose(s)).equals(s)} for every text {@code s}
 * that has no conjoining jamo of its own ({@link #hasConjoiningJamo}); Latin letters, digits, punctuation,
 * accented letters and emoji are never touched (unlike {@link java.text.Normalizer}'s NFD, which would also take
 * "é" apart).
 *
 * <p>What is refused or kept: text that already holds conjoining jamo (decomposed Korean, or old-style letters
 * such as ᅀ U+1140 and the extended ranges U+A960–U+A97F, U+D7B0–U+D7FF) cannot round-trip through a jamo model
 * unambiguously, so {@link #requireNoConjoiningJamo} refuses it naming the first one (compose it with
 * {@link #compose} first, or keep syllable units). <em>Compatibility</em> jamo (ㄱ ㅏ, U+3131–U+318E, the letters
 * people type alone, as in ㅋㅋ) are ordinary characters: they pass through both ways unchanged.
 */
public final class Hangul {
    /** First modern syllable, 가. */
    public static final char FIRST_SYLLABLE = '\uAC00';
    /** Last modern syllable, 힣. */
    public static final char LAST_SYLLABLE = '\uD7A3';

    private static final int L_BASE = 0x1100;
    private static final int V_BASE = 0x1161;
    private static final int T_BASE = 0x11A7;
    private static final int L_COUNT = 19;
    private static final int V_COUNT = 21;
    private static final int T_COUNT = 28;
    private static final int N_COUNT = V_COUNT * T_COUNT;

    private Hangul() {
    }

    /** Whether {@code c} is a modern precomposed syllable (가 … 힣). */
    public static boolean isSyllable(int c) {
        return c >= FIRST_SYLLABLE && c <= LAST_SYLLABLE;
    }

    /** Whether {@code c} is a conjoining jamo (U+1100–U+11FF, U+A960–U+A97F, U+D7B0–U+D7FF). */
    public static boolean isConjoiningJamo(int c) {
        return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
    }

    /** Whether {@code text} holds any conjoining jamo of its own. */
    public static boolean hasConjoiningJamo(CharSequence text) {
        return firstConjoiningJamo(text) >= 0;
    }

    /**
     * Refuses text with conjoining jamo of its own, which a jamo model could not give back unchanged.
     *
     * @param source names the text in the message
     * @throws IllegalArgumentException naming the first such character and its position
     */
    public static void requireNoConjoiningJamo(CharSequence text, String source) {
        int at = firstConjoiningJamo(text);
        if (at >= 0) {
            throw new IllegalArgumentException(refusal(source, at + 1, text.charAt(at)));
        }
    }

    /**
     * The one-line refusal of a conjoining jamo at 1-based character {@code position} of {@code source}, for readers
     * that meet it while streaming.
     */
    public static String refusal(String source, long position, int codePoint) {
        return source + ": character " + position + " is a conjoining jamo (U+" + String.format("%04X", codePoint)
                + "); jamo units need text written in syllables (compose it first, e.g. with Hangul.compose, or use "
                + "syllable units)";
    }

    private static int firstConjoiningJamo(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isConjoiningJamo(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Number of syllables in {@code text} (the unit of bits per syllable). */
    public static long countSyllables(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isSyllable(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Every syllable of {@code text} as its conjoining jamo; every other character unchanged. */
    public static String decompose(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSyllable(c)) {
                appendJamo(c, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** How many conjoining jamo syllable {@code c} has: 2, or 3 with a trailing consonant. */
    public static int jamoCount(char c) {
        return (c - FIRST_SYLLABLE) % T_COUNT == 0 ? 2 : 3;
    }

    /** Appends the two or three conjoining jamo of syllable {@code c}. */
    public static void appendJamo(char c, StringBuilder out) {
        int s = c - FIRST_SYLLABLE;
        out.append((char) (L_BASE + s / N_COUNT));
        out.append((char) (V_BASE + (s % N_COUNT) / T_COUNT));
        int t = s % T_COUNT;
        if (t != 0) {
            out.append((char) (T_BASE + t));
        }
    }

    /**
     * Every modern leading consonant + vowel (+ trailing consonant) sequence of {@code text} as its syllable;
     * everything else, including a jamo that does not start such a sequence, unchanged.
     */
    public static String compose(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int l = c - L_BASE;
            int v = i + 1 < n ? text.charAt(i + 1) - V_BASE : -1;
            if (l >= 0 && l < L_COUNT && v >= 0 && v < V_COUNT) {
                int t = i + 2 < n ? text.charAt(i + 2) - T_BASE : -1;
                boolean trailing = t > 0 && t < T_COUNT;
                out.append((char) (FIRST_SYLLABLE + (l * V_COUNT + v) * T_COUNT + (trailing ? t : 0)));
                i += trailing ? 2 : 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
