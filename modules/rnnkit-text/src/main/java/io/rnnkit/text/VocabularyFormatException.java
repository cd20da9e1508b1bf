package io.rnnkit.text;

import java.io.IOException;

/** A vocabulary file that cannot be read; the message names the file and, where known, the line. */
public class VocabularyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with a one-line message. */
    public VocabularyFormatException(String message) {
        super(message);
    }
}
