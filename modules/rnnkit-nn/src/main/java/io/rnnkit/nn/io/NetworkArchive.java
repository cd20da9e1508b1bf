package io.rnnkit.nn.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a network from the {@code network.zip} of a model file, the format DL4J's {@code ModelSerializer} writes,
 * without {@code ModelSerializer}: that also reads {@code preprocessor.bin} with a plain {@code ObjectInputStream}.
 * Only the entries below are read (the configuration as JSON, the arrays with {@link NdArrays}); a
 * {@code network.zip} with any other entry is refused before a byte of it is inflated. The network is then built
 * as {@code ModelSerializer.restore...(in, true)} builds it, updater state included.
 */
final class NetworkArchive {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    /** Written by DL4J instead of coefficients for a network without parameters. */
    static final String NO_PARAMS = "noParams.marker";
    static final List<String> KNOWN = List.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NO_PARAMS);

    private NetworkArchive() {
    }

    /**
     * The network in {@code bytes}.
     *
     * @param file the model file, for messages
     * @param type {@code "MultiLayerNetwork"} or {@code "ComputationGraph"}, from the manifest
     */
    static Model read(String file, String type, byte[] bytes, ModelFileLimits limits) {
        if (!"MultiLayerNetwork".equals(type) && !"ComputationGraph".equals(type)) {
            throw new ModelFileException(file + " has unknown network type '"
                    + ModelFile.printable(String.valueOf(type)) + "' in its manifest");
        }
        Map<String, byte[]> entries = entries(file, bytes, limits);
        byte[] json = entries.get(CONFIGURATION);
        if (json == null) {
            throw corrupted(file, "it has no " + CONFIGURATION, null);
        }
        byte[] coefficients = entries.get(COEFFICIENTS);
        INDArray params = null;
        if (coefficients != null && coefficients.length > 0) {
            params = NdArrays.read(coefficients, where(file, COEFFICIENTS));
        } else if (!entries.containsKey(NO_PARAMS)) {
            throw corrupted(file, "it has no " + COEFFICIENTS, null);
        }
        INDArray updaterState = entries.containsKey(UPDATER_STATE)
                ? NdArrays.read(entries.get(UPDATER_STATE), where(file, UPDATER_STATE)) : null;
        try {
            return build(type, new String(json, StandardCharsets.UTF_8), params, updaterState);
        } catch (RuntimeException e) {
            throw corrupted(file, ModelFile.firstLine(e), e);
        }
    }

    private static Model build(String type, String json, INDArray params, INDArray updaterState) {
        if ("MultiLayerNetwork".equals(type)) {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
            if (params == null) {
                requireNoParameters(conf.getConfs().stream().mapToLong(c -> c.getLayer().initializer().numParams(c)));
            } else {
                conf.setDataType(params.dataType());
            }
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init(params, false);
            if (updaterState != null) {
                net.getUpdater().setStateViewArray(net, updaterState, false);
            }
            return net;
        }
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
        if (params == null) {
            requireNoParameters(conf.getVertices().values().stream().mapToLong(v -> v.numParams(true)));
        } else {
            conf.setDataType(params.dataType());
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(params, false);
        if (updaterState != null) {
            graph.getUpdater().setStateViewArray(updaterState);
        }
        return graph;
    }

    /**
     * Without coefficients DL4J allocates and initialises the parameters the configuration asks for, so a few bytes
     * of JSON could ask for gigabytes: only a network without parameters may come without them.
     */
    private static void requireNoParameters(LongStream perLayer) {
        long count = perLayer.sum();
        if (count != 0) {
            throw new IllegalArgumentException("its configuration has " + count + " parameters but it holds no "
                    + COEFFICIENTS);
        }
    }

    /** The entries of the inner zip, each refused unless known before its bytes are read. */
    private static Map<String, byte[]> entries(String file, byte[] bytes, ModelFileLimits limits) {
        LimitedUnzip unzip = new LimitedUnzip(file, ModelFile.NETWORK, limits);
        Map<String, byte[]> entries = new HashMap<>();
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        try (ZipInputStream zip = new ZipInputStream(source)) {
            for (ZipEntry entry; (entry = nextEntry(file, zip)) != null; ) {
                String name = entry.getName();
                unzip.count(name);
                if (!KNOWN.contains(name)) {
                    throw new ModelFileException(file + " has an entry '" + ModelFile.printable(name) + "' in its "
                            + ModelFile.NETWORK
                            + " that rnnkit does not read (only " + String.join(", ", KNOWN) + "); refused unread");
                }
                if (entries.containsKey(name)) {
                    throw new ModelFileException(file + " has a duplicate entry '" + ModelFile.printable(name)
                            + "' in its " + ModelFile.NETWORK);
                }
                long start = bytes.length - source.available();
                entries.put(name, unzip.read(name, zip, entry.getSize(),
                        () -> bytes.length - source.available() - start));
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw corrupted(file, ModelFile.firstLine(e), e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + file + ": " + ModelFile.firstLine(e), e);
        }
        if (entries.isEmpty()) {
            throw corrupted(file, "it is not a zip archive or is empty", null);
        }
        return entries;
    }

    /** The next entry of the inner zip; ZipInputStream reports a name that is not UTF-8 as an argument error. */
    private static ZipEntry nextEntry(String file, ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw corrupted(file, "an entry name is not UTF-8", e);
        }
    }

    private static String where(String file, String entry) {
        return file + ": entry '" + entry + "' of " + ModelFile.NETWORK;
    }

    private static ModelFileException corrupted(String file, String why, Throwable cause) {
        return new ModelFileException(file + " has a corrupted " + ModelFile.NETWORK + ": " + why, cause);
    }
}
