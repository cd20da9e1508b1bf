package io.rnnkit.charlm;

/** Receives generated characters as soon as they are drawn (streaming output). */
@FunctionalInterface
public interface CharacterListener {

    /**
     * Called once per generated character, samples in order within each step.
     *
     * @param sample    index of the sample, {@code 0 <= sample < count}
     * @param character the character (one code point, possibly two UTF-16 chars)
     */
    void onCharacter(int sample, String character);
}
