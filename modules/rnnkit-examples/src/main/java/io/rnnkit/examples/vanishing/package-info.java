/**
 * The vanishing-gradient experiment: SimpleRNN, LSTM and GRU on a task that needs a long memory, with accuracy
 * and the gradient that reaches the first step, as the gap between the signal and the answer grows.
 */
package io.rnnkit.examples.vanishing;
