/**
 * The yardsticks every forecast is measured against: persistence (tomorrow = today), climatology (the mean of
 * the same calendar day in the training years), a linear autoregressive model on the same inputs, and the error
 * metrics MAE, RMSE and skill.
 */
package io.rnnkit.forecast.baseline;
