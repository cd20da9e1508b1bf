/** Evaluation of taggers: token and unknown-word accuracy, per-tag F1, confusions, JSON output. */
package io.rnnkit.tagger.eval;
