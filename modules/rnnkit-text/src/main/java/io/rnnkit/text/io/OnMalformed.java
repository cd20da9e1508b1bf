package io.rnnkit.text.io;

/** What a reader does with a malformed record. */
public enum OnMalformed {
    /** Stop with a {@link CorpusFormatException} naming file and line (the default). */
    FAIL,
    /** Skip the record, counting it and its reason in a {@link SkipLog}. */
    SKIP
}
