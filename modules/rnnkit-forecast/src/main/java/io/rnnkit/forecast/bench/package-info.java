/**
 * The forecasting benchmark: every architecture on the same Seattle split with several seeds, printed as JSON.
 */
package io.rnnkit.forecast.bench;
