package io.rnnkit.text.embed;

/** File formats for word vectors. All store one vector per word; words must not contain spaces. */
public enum VectorFormat {
    /** word2vec text: a header line {@code "<count> <dimension>"}, then {@code "word v1 v2 …"} per line. */
    WORD2VEC_TEXT,
    /**
     * word2vec binary (the C tool's {@code -binary 1}): an ASCII header line {@code "<count> <dimension>"}, then per
     * word its UTF-8 bytes, a space, {@code dimension} little-endian 32-bit floats and a newline.
     */
    WORD2VEC_BINARY,
    /** GloVe text: {@code "word v1 v2 …"} per line, no header; the dimension is that of the first line. */
    GLOVE_TEXT,
    /**
     * rnnkit's compact format: 8-bit values with one scale per vector, a quarter of the size of word2vec binary
     * (see {@link CompactVectors}); the format of the built-in vectors.
     */
    COMPACT_8BIT
}
