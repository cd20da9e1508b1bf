/**
 * The rnnkit demo ({@code scripts/demo}): the four built-in models at work on real data.
 */
package io.rnnkit.examples.demo;
