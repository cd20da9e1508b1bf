package io.rnnkit.nn;

/**
 * One layer of a {@link NetworkSpec}: an immutable description, turned into DL4J layers by
 * {@link NetworkSpec#build(long)}.
 */
public sealed interface LayerSpec permits Embedding, Recurrent, Bidirectional, Dense, Dropout, GlobalPooling {

    /** Keras-style type name shown in {@link Summary}, e.g. {@code "LSTM"}. */
    String typeName();
}
