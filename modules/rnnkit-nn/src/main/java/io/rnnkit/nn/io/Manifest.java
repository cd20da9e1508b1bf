package io.rnnkit.nn.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code manifest.json} of a model file: what the model is, what made it, and how well it did.
 *
 * <p>Create one with {@link #forTask(String)} and the {@code with...} methods; {@link ModelFile#save} fills in
 * {@code networkType}. Maps keep their insertion order in the file.
 *
 * @param formatVersion   model-file format version ({@link ModelFile#FORMAT_VERSION} when written by this rnnkit)
 * @param rnnkitVersion   version of rnnkit that wrote the file
 * @param task            task name, e.g. {@code "sentiment"}, {@code "tagger"}, {@code "charlm"}, {@code "forecast"}
 * @param createdAt       ISO-8601 instant the file was created
 * @param javaVersion     Java runtime version that wrote the file
 * @param dl4jVersion     DeepLearning4j version that wrote the file
 * @param networkType     {@code "MultiLayerNetwork"} or {@code "ComputationGraph"}
 * @param hyperParameters hyper-parameters of the model and its training (numbers, strings, booleans, lists)
 * @param trainingData    fingerprint of the training data, or {@code null} when unknown
 * @param metrics         final metrics, e.g. {@code accuracy}, {@code val_loss}
 * @param commandLine     the command that made the model (e.g. {@code rnnkit sentiment train --data …}), or
 *                        {@code null} when it was made through the Java API; see {@link Provenance}
 */
public record Manifest(int formatVersion, String rnnkitVersion, String task, String createdAt, String javaVersion,
                       String dl4jVersion, String networkType, Map<String, Object> hyperParameters,
                       DataFingerprint trainingData, Map<String, Double> metrics,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String commandLine) {

    public Manifest {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("manifest task must not be blank");
        }
        hyperParameters = hyperParameters == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * A manifest for {@code task} stamped with this rnnkit, Java and DL4J version, the current time and the
     * command line of this process when a command recorded one ({@link Provenance#commandLine()}).
     */
    public static Manifest forTask(String task) {
        return new Manifest(ModelFile.FORMAT_VERSION, Versions.rnnkit(), task,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), System.getProperty("java.version"),
                Versions.dl4j(), null, Map.of(), null, Map.of(), Provenance.commandLine());
    }

    public Manifest withHyperParameters(Map<String, ?> values) {
        return new Manifest(formatVersion, rnnkitVersion, task, createdAt, javaVersion, dl4jVersion, networkType,
                new LinkedHashMap<String, Object>(Objects.requireNonNull(values, "values")),
                trainingData, metrics, commandLine);
    }

    public Manifest withTrainingData(DataFingerprint fingerprint) {
        return new Manifest(formatVersion, rnnkitVersion, task, createdAt, javaVersion, dl4jVersion, networkType,
                hyperParameters, fingerprint, metrics, commandLine);
    }

    public Manifest withMetrics(Map<String, Double> values) {
        return new Manifest(formatVersion, rnnkitVersion, task, createdAt, javaVersion, dl4jVersion, networkType,
                hyperParameters, trainingData, Objects.requireNonNull(values, "values"), commandLine);
    }

    /** This manifest with the command that made the model. */
    public Manifest withCommandLine(String line) {
        return new Manifest(formatVersion, rnnkitVersion, task, createdAt, javaVersion, dl4jVersion, networkType,
                hyperParameters, trainingData, metrics, line);
    }

    Manifest withNetworkType(String type) {
        return new Manifest(formatVersion, rnnkitVersion, task, createdAt, javaVersion, dl4jVersion, type,
                hyperParameters, trainingData, metrics, commandLine);
    }
}
