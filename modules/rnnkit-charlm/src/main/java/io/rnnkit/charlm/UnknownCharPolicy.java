package io.rnnkit.charlm;

/**
 * What sampling does with prefix characters that the model never saw in training (not in its vocabulary).
 * Whatever the policy, {@link GeneratedText#warnings()} names the characters concerned.
 */
public enum UnknownCharPolicy {
    /** Drop them from the prefix (the default): the model is primed with the known characters only. */
    SKIP,
    /**
     * Feed them as the vocabulary's {@code <unk>} entry. Unless training used {@code minCharCount > 1}, the model
     * never saw {@code <unk>} as input, so its effect on the state is arbitrary; prefer {@link #SKIP}.
     */
    UNK,
    /** Refuse the prefix with an {@link IllegalArgumentException} naming the characters. */
    FAIL
}
