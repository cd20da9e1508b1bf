package io.rnnkit.translate.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The tokens of one side of a translation model and their ids: either single characters (a Hangul syllable is
 * one) or {@link BytePairEncoding} pieces, with the vocabulary seen in training. Ids 0–3 are reserved:
 * {@link #PAD} (padding, masked), {@link #UNK} (a token not in the vocabulary), {@link #BOS} and {@link #EOS}
 * (start and end of a sentence).
 *
 * <p>A space is the token {@value BytePairEncoding#SPACE} (on its own for characters, on the start of the next
 * word's first piece for BPE, where the first word of a text is marked too, as if a space came before it), so {@link #decode} of {@link #encode} gives the normalised text back exactly
 * whenever every token is known. Normalisation: runs of white space become one space, the ends are trimmed, and a
 * U+2581 in the input becomes a space. Immutable and safe to share between threads.
 */
public final class Subwords {
    /** How a side is split into tokens. */
    public enum Unit {
        /** One token per code point. */
        CHARACTERS,
        /** Byte-pair-encoding pieces learned from the training side. */
        BPE;

        /** The unit named {@code name} ({@code char}/{@code characters} or {@code bpe}, any case). */
        public static Unit parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "char", "chars", "character", "characters" -> CHARACTERS;
                case "bpe" -> BPE;
                default -> throw new IllegalArgumentException("unknown token unit '" + name
                        + "' (expected char or bpe)");
            };
        }

        /** The name {@link #parse} reads. */
        public String id() {
            return this == CHARACTERS ? "char" : "bpe";
        }
    }

    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    public static final int EOS = 3;
    /** The reserved tokens' text, in id order. */
    public static final List<String> RESERVED = List.of("<pad>", "<unk>", "<s>", "</s>");

    private final Unit unit;
    private final BytePairEncoding bpe;
    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    private Subwords(Unit unit, BytePairEncoding bpe, List<String> tokens) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.bpe = bpe;
        if (tokens.size() < RESERVED.size() || !tokens.subList(0, RESERVED.size()).equals(RESERVED)) {
            throw new IllegalArgumentException("a vocabulary starts with " + RESERVED);
        }
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < this.tokens.size(); i++) {
            if (ids.put(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException("token '" + this.tokens.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /**
     * Learns the tokens of {@code texts}.
     *
     * @param merges        BPE merges to learn (ignored for characters)
     * @param maxVocabulary most frequent tokens kept, reserved ones included; the rest read as {@link #UNK}
     */
    public static Subwords learn(Unit unit, int merges, int maxVocabulary, List<String> texts) {
        if (maxVocabulary <= RESERVED.size()) {
            throw new IllegalArgumentException("maxVocabulary must be more than " + RESERVED.size() + ", got "
                    + maxVocabulary);
        }
        List<String> normalised = texts.stream().map(Subwords::normalise).toList();
        BytePairEncoding bpe = unit == Unit.BPE
                ? BytePairEncoding.learn(normalised.stream().map(t -> " " + t).toList(), merges, 2) : null;
        Map<String, Integer> counts = new HashMap<>();
        for (String t : normalised) {
            for (String p : pieces(unit, bpe, t)) {
                counts.merge(p, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        // Most frequent first, ties by text, so the same data always gives the same ids.
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Collections.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(RESERVED);
        for (Map.Entry<String, Integer> e : sorted) {
            if (vocab.size() >= maxVocabulary) {
                break;
            }
            if (!RESERVED.contains(e.getKey())) {
                vocab.add(e.getKey());
            }
        }
        return new Subwords(unit, bpe, vocab);
    }

    /** Rebuilds a side from its saved parts ({@link #tokens()} and {@link #merges()}). */
    public static Subwords of(Unit unit, List<String> tokens, List<String> merges) {
        return new Subwords(unit, unit == Unit.BPE ? BytePairEncoding.fromMerges(merges) : null, tokens);
    }

    public Unit unit() {
        return unit;
    }

    /** Tokens in id order, reserved ones first. */
    public List<String> tokens() {
        return tokens;
    }

    /** The learned merges ("left right" per line), empty for characters. */
    public List<String> merges() {
        return bpe == null ? List.of() : bpe.merges();
    }

    /** Number of ids. */
    public int size() {
        return tokens.size();
    }

    /** The token of an id. */
    public String token(int id) {
        return tokens.get(id);
    }

    /** The tokens of a text (unknown ones included as they are). */
    public List<String> pieces(String text) {
        return pieces(unit, bpe, normalise(text));
    }

    /** The ids of a text's tokens, {@link #UNK} for tokens not in the vocabulary (no BOS/EOS). */
    public int[] encode(String text) {
        List<String> p = pieces(text);
        int[] out = new int[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(p.get(i), UNK);
        }
        return out;
    }

    /** The text of ids: reserved ids other than {@link #UNK} are skipped, {@link #UNK} reads as U+FFFD. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == UNK) {
                sb.append('\uFFFD');
            } else if (id >= RESERVED.size() && id < tokens.size()) {
                sb.append(tokens.get(id));
            }
        }
        return sb.toString().replace(BytePairEncoding.SPACE, " ").strip();
    }

    /** Runs of white space as one space, trimmed; U+2581 (the space mark) as a space. */
    public static String normalise(String text) {
        return text.replace(BytePairEncoding.SPACE, " ").replaceAll("\\s+", " ").strip();
    }

    private static List<String> pieces(Unit unit, BytePairEncoding bpe, String normalised) {
        if (unit == Unit.BPE) {
            // As if after a space: a sentence's first word is split like the same word inside a sentence.
            return normalised.isEmpty() ? List.of() : bpe.encode(" " + normalised);
        }
        List<String> out = new ArrayList<>(normalised.length());
        normalised.codePoints().forEach(c -> out.add(c == ' ' ? BytePairEncoding.SPACE : new String(Character.toChars(c))));
        return out;
    }
}
