/**
 * Finding the real datasets that {@code scripts/fetch-datasets} places under {@code datasets/}.
 */
package io.rnnkit.datasets;
