/**
 * The POS-tagging benchmark main ({@link io.rnnkit.tagger.bench.TaggerBenchmark}): rnnkit against the
 * most-frequent-tag baseline and Apache OpenNLP on the fixed Brown split. OpenNLP and its pretrained model are
 * optional dependencies of this module, needed only here.
 */
package io.rnnkit.tagger.bench;
