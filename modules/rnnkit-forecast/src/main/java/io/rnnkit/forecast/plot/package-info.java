/** PNG charts of forecasts against actuals and of training curves, drawn with XChart. */
package io.rnnkit.forecast.plot;
