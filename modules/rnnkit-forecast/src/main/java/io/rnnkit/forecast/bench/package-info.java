/**
 * The forecasting benchmarks, printed as JSON: every architecture on the same Seattle split with several seeds
 * ({@code ForecastBenchmark}), and a rolling-origin backtest of the defaults over several test years beside
 * persistence, climatology and a linear model ({@code BacktestBenchmark}).
 */
package io.rnnkit.forecast.bench;
