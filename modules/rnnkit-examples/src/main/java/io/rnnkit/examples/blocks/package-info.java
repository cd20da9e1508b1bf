/**
 * The building blocks of the notes on rnnkit-nn: Keras-style summaries and their parameter counts,
 * {@code returnSequences}, the sequence shapes (one-to-many, many-to-one, many-to-many), stacked and
 * bidirectional networks, and the memory-decay arithmetic of a linear RNN.
 */
package io.rnnkit.examples.blocks;
