/**
 * Settings of the native (ND4J) runtime that decide training speed, chiefly the thread counts; see
 * {@link io.rnnkit.nn.runtime.NativeThreads} for the measured default and when settings take effect.
 */
package io.rnnkit.nn.runtime;
