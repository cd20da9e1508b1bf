/**
 * Time-series forecasting with recurrent networks: {@link io.rnnkit.forecast.Forecaster} trains an LSTM,
 * stacked LSTM, bidirectional LSTM or GRU on sliding windows of a daily series, evaluates it against the
 * persistence and climatology baselines, forecasts the days after a series, and saves itself as one model file.
 */
package io.rnnkit.forecast;
