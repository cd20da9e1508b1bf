package io.rnnkit.tagger.tagset;

import java.util.List;

/** The 12 universal part-of-speech tags of Petrov, Das &amp; McDonald (2012). */
public final class UniversalTags {
    /** Nouns. */
    public static final String NOUN = "NOUN";
    /** Verbs. */
    public static final String VERB = "VERB";
    /** Adjectives. */
    public static final String ADJ = "ADJ";
    /** Adverbs. */
    public static final String ADV = "ADV";
    /** Pronouns. */
    public static final String PRON = "PRON";
    /** Determiners and articles. */
    public static final String DET = "DET";
    /** Adpositions (prepositions and postpositions). */
    public static final String ADP = "ADP";
    /** Numerals. */
    public static final String NUM = "NUM";
    /** Conjunctions. */
    public static final String CONJ = "CONJ";
    /** Particles and other function words. */
    public static final String PRT = "PRT";
    /** Punctuation. */
    public static final String PUNCT = ".";
    /** Other: foreign words, typos, abbreviations. */
    public static final String X = "X";

    /** All 12 tags in the order of the paper. */
    public static final List<String> ALL = List.of(NOUN, VERB, ADJ, ADV, PRON, DET, ADP, NUM, CONJ, PRT, PUNCT, X);

    private UniversalTags() {
    }

    /**
     * Maps a Universal Dependencies UPOS tag (17 tags) to the 12 universal tags: PROPN→NOUN, AUX→VERB,
     * CCONJ/SCONJ→CONJ, PART→PRT, PUNCT/SYM→".", INTJ→X; the shared tags map to themselves.
     *
     * @throws IllegalArgumentException for a tag that is not a UPOS tag
     */
    public static String fromUpos(String upos) {
        return switch (upos) {
            case "NOUN", "PROPN" -> NOUN;
            case "VERB", "AUX" -> VERB;
            case "ADJ" -> ADJ;
            case "ADV" -> ADV;
            case "PRON" -> PRON;
            case "DET" -> DET;
            case "ADP" -> ADP;
            case "NUM" -> NUM;
            case "CCONJ", "SCONJ" -> CONJ;
            case "PART" -> PRT;
            case "PUNCT", "SYM" -> PUNCT;
            case "INTJ", "X" -> X;
            default -> throw new IllegalArgumentException("'" + upos + "' is not a Universal Dependencies UPOS tag");
        };
    }
}
