/**
 * The notes' applications on the task modules: the "hello" character model, the "I work at google" tagger with
 * its four coarse word classes, review sentiment (many-to-one) and weather forecasting.
 */
package io.rnnkit.examples.tasks;
