/**
 * Tag sets: the 12 universal tags, the Brown→universal and Penn→universal tables of Petrov, Das &amp; McDonald
 * (2012, CC BY-SA 4.0, shipped as resources with their attribution), and the coarse classes of the
 * "I work at google" example.
 */
package io.rnnkit.tagger.tagset;
