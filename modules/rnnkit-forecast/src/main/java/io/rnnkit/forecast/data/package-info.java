/**
 * Reading and shaping time series: a CSV reader with a missing-value policy and a data-quality report,
 * a normaliser fitted on training rows only, a time-ordered split, and sliding windows that turn one
 * series into supervised (past window, future values) examples.
 */
package io.rnnkit.forecast.data;
