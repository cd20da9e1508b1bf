package io.rnnkit.charlm;

import java.util.Iterator;
import java.util.List;

/**
 * One sample's characters, drawn one per {@link #next()} and kept nowhere: memory stays the same for a sample of
 * any length, and a caller may stop at any time (e.g. when its reader has gone away).
 */
public interface CharacterStream extends Iterator<String> {
    /** The prefix as the model read it (unknown characters dropped or replaced by the policy). */
    String prefix();

    /** Warnings about the prefix, e.g. characters the model does not know; empty when there were none. */
    List<String> warnings();
}
