package io.rnnkit.nn.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Versions recorded in manifests; read once from build resources. */
final class Versions {
    private static final String UNKNOWN = "unknown";
    private static final String RNNKIT = read(Versions.class, "rnnkit-version.properties", "version");
    private static final String DL4J = dl4jVersion();

    private Versions() {
    }

    static String rnnkit() {
        return RNNKIT;
    }

    static String dl4j() {
        return DL4J;
    }

    /**
     * DL4J's own Maven coordinates, not the package's implementation version: inside a shaded jar (the rnnkit CLI)
     * every class reports the shaded jar's manifest, which made every built-in record rnnkit's version as DL4J's.
     */
    static String dl4jVersion() {
        return read(MultiLayerNetwork.class, "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties",
                "version");
    }

    private static String read(Class<?> anchor, String resource, String key) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key);
            // An unfiltered resource (running from an IDE without Maven) still holds the placeholder.
            return value == null || value.startsWith("${") ? UNKNOWN : value;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
