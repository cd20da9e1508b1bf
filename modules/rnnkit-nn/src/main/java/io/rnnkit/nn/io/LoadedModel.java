package io.rnnkit.nn.io;

import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A model file read back by {@link ModelFile#load(Path, String)}.
 *
 * @param path     the file it came from, or {@code null} for a built-in model read from the class path
 * @param source   what the user named: the path, or {@code builtin:NAME}; used in messages
 * @param manifest its manifest
 * @param network  the DL4J network ({@link MultiLayerNetwork} or {@link ComputationGraph})
 * @param entries  the task's own entries
 */
public record LoadedModel(Path path, String source, Manifest manifest, Model network, ModelEntries entries) {

    /** The network as a {@link MultiLayerNetwork}, or a clear error when the file holds a graph. */
    public MultiLayerNetwork multiLayerNetwork() {
        if (network instanceof MultiLayerNetwork net) {
            return net;
        }
        throw new ModelFileException(source + " holds a " + network.getClass().getSimpleName()
                + ", not a MultiLayerNetwork");
    }

    /** The network as a {@link ComputationGraph}, or a clear error when the file holds a layer stack. */
    public ComputationGraph computationGraph() {
        if (network instanceof ComputationGraph graph) {
            return graph;
        }
        throw new ModelFileException(source + " holds a " + network.getClass().getSimpleName()
                + ", not a ComputationGraph");
    }
}
