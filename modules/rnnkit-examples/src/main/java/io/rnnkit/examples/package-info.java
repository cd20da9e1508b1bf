/**
 * Runnable examples of every idea in the recurrent-network lecture notes, written against rnnkit's public API.
 *
 * <p>Every example is a class with a {@code main(String[])} that calls a {@code public static runExample(String...)}
 * returning a result record, so the same code runs from the command line, from a notebook and from a test.
 * Options are {@code --name value} pairs; each example lists its own and rejects unknown ones.
 *
 * <ul>
 *   <li>{@link io.rnnkit.examples.blocks}: summaries with the notes' parameter counts, {@code returnSequences},
 *       one-to-many / many-to-one / many-to-many, stacked and bidirectional networks, memory decay in a linear
 *       RNN;</li>
 *   <li>{@link io.rnnkit.examples.vanishing}: the vanishing-gradient experiment (SimpleRNN vs LSTM vs GRU);</li>
 *   <li>{@link io.rnnkit.examples.tasks}: the "hello" character model, the "I work at google" tagger,
 *       sentiment and forecasting.</li>
 * </ul>
 */
package io.rnnkit.examples;
