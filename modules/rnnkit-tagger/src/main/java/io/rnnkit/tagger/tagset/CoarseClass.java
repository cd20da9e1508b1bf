package io.rnnkit.tagger.tagset;

/**
 * The four word classes of the "I work at google" example, plus {@link #OTHER}.
 *
 * <p>Mapping from universal tags: PRON→{@link #PRONOUN}, NOUN→{@link #NOUN}, VERB→{@link #VERB},
 * ADP→{@link #PREPOSITION}, every other tag (ADJ, ADV, DET, NUM, CONJ, PRT, ".", X)→{@link #OTHER}.
 * So "I work at google" is PRONOUN VERB PREPOSITION NOUN.
 */
public enum CoarseClass {
    PRONOUN, NOUN, VERB, PREPOSITION, OTHER;

    /** The coarse class of a universal tag; tags outside the four classes give {@link #OTHER}. */
    public static CoarseClass of(String universalTag) {
        return switch (universalTag) {
            case UniversalTags.PRON -> PRONOUN;
            case UniversalTags.NOUN -> NOUN;
            case UniversalTags.VERB -> VERB;
            case UniversalTags.ADP -> PREPOSITION;
            default -> OTHER;
        };
    }

    /** Lower-case name as the notes write it, e.g. {@code "preposition"}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
