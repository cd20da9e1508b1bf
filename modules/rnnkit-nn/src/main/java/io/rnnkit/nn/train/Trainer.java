package io.rnnkit.nn.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rnnkit.nn.io.LoadedModel;
import io.rnnkit.nn.io.Manifest;
import io.rnnkit.nn.io.ModelFile;
import io.rnnkit.nn.io.ModelFileException;
import io.rnnkit.nn.runtime.NativeThreads;
import io.rnnkit.nn.train.monitor.Monitoring;
import io.rnnkit.nn.train.monitor.TrainingMonitor;
import io.rnnkit.nn.train.monitor.TrainingMonitors;
import io.rnnkit.nn.train.monitor.TrainingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterCreator;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Trains a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph} as configured by a {@link TrainingConfig}.
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder().epochs(20).learningRate(2e-3).gradientClipNorm(1.0)
 *         .patience(3).checkpointDir(Path.of("checkpoints")).build();
 * TrainingResult result = new Trainer(config, TrainingListener.onEpoch(System.out::println))
 *         .fit(net, train, validation);
 * }</pre>
 *
 * <p>On a fresh {@code fit}, the config's optimizer, learning rate, gradient clipping and L2 replace the network's
 * own settings (and reset its optimizer state), and truncated BPTT is switched on when configured. {@code resume}
 * keeps everything the checkpoint holds, including optimizer state, so that a resumed run ends where an
 * uninterrupted one would.
 *
 * <p>Reproducibility: before every epoch the trainer draws a seed from its own random stream (seeded by
 * {@link TrainingConfig#seed()}) and seeds ND4J's generator with it (dropout) and passes it to a training iterator
 * implementing {@link EpochShuffling}. Same seed, same data, same machine: same weights.
 *
 * <p>{@link TrainingConfig#monitoring()} (or, when that asks for nothing, {@link Monitoring#current()}) may add DL4J's
 * live training UI, stored statistics and a report of the curves written after training.
 *
 * <p>Creating a trainer applies rnnkit's measured native thread default once per JVM unless it was configured
 * already (see {@link NativeThreads}).
 */
public final class Trainer {
    /** Task name of checkpoint files. */
    public static final String CHECKPOINT_TASK = "checkpoint";
    private static final String STATE_ENTRY = "trainer-state.json";
    private static final String BEST_PARAMS_ENTRY = "best-params.bin";
    private static final String CHECKPOINT_PREFIX = "checkpoint-epoch-";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final TrainingConfig config;
    private final List<TrainingListener> listeners;

    /** A trainer for {@code config}, reporting to {@code listeners}. */
    public Trainer(TrainingConfig config, TrainingListener... listeners) {
        Objects.requireNonNull(config, "config");
        Monitoring scoped = Monitoring.current();
        this.config = !config.monitoring().isActive() && scoped.isActive()
                ? config.toBuilder().monitoring(scoped).build() : config;
        this.listeners = List.of(listeners);
        NativeThreads.ensureConfigured();
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Applies this trainer's optimizer, learning rate, gradient clipping, L2 and truncated BPTT to
     * {@code network} (with a fresh optimizer state) without training it, for callers that drive
     * {@code network.fit} themselves, e.g. dynamic evaluation.
     */
    public void configure(MultiLayerNetwork network) {
        prepare(network);
    }

    /**
     * Trains a layer stack.
     *
     * @param network    initialised network; trained in place
     * @param train      training batches; reset before each epoch
     * @param validation validation batches, or {@code null} (then no early stopping and no best epoch)
     */
    public TrainingResult fit(MultiLayerNetwork network, DataSetIterator train, DataSetIterator validation) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        prepare(network);
        return run(Session.of(network, train, validation), null, null);
    }

    /** Trains a graph with one or more inputs/outputs. See {@link #fit(MultiLayerNetwork, DataSetIterator, DataSetIterator)}. */
    public TrainingResult fit(ComputationGraph network, MultiDataSetIterator train, MultiDataSetIterator validation) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        prepare(network);
        return run(Session.of(network, train, validation), null, null);
    }

    /** Trains a single-input, single-output graph on plain data sets. */
    public TrainingResult fit(ComputationGraph network, DataSetIterator train, DataSetIterator validation) {
        return fit(network, new MultiDataSetIteratorAdapter(Objects.requireNonNull(train, "train")),
                validation == null ? null : new MultiDataSetIteratorAdapter(validation));
    }

    /**
     * Continues training from a checkpoint up to {@link TrainingConfig#epochs()} in total. The result equals that
     * of an uninterrupted run when the data order is reproducible: fixed, {@link EpochShuffling}, or decided by the
     * number of {@code reset()} calls (the training iterator is reset once per completed epoch before resuming).
     *
     * @param checkpoint a checkpoint file, or a checkpoint directory (its latest checkpoint is used)
     * @throws ModelFileException when the checkpoint cannot be read
     */
    public TrainingResult resume(Path checkpoint, DataSetIterator train, DataSetIterator validation) {
        Objects.requireNonNull(train, "train");
        Restored restored = restore(checkpoint);
        Session<?> session = restored.network instanceof MultiLayerNetwork net
                ? Session.of(net, train, validation)
                : Session.of((ComputationGraph) restored.network, new MultiDataSetIteratorAdapter(train),
                validation == null ? null : new MultiDataSetIteratorAdapter(validation));
        return run(session, restored.state, restored.bestParams);
    }

    /** Continues training a graph from a checkpoint; see {@link #resume(Path, DataSetIterator, DataSetIterator)}. */
    public TrainingResult resume(Path checkpoint, MultiDataSetIterator train, MultiDataSetIterator validation) {
        Objects.requireNonNull(train, "train");
        Restored restored = restore(checkpoint);
        if (!(restored.network instanceof ComputationGraph graph)) {
            throw new IllegalArgumentException(checkpoint + " holds a MultiLayerNetwork; resume it with a DataSetIterator");
        }
        return run(Session.of(graph, train, validation), restored.state, restored.bestParams);
    }

    /** The newest checkpoint in {@code directory}. */
    public static Path latestCheckpoint(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(CHECKPOINT_PREFIX)
                            && p.getFileName().toString().endsWith(ModelFile.EXTENSION))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IllegalArgumentException("no checkpoint in " + directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + directory + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private <B> TrainingResult run(Session<B> session, CheckpointState resumed, INDArray resumedBest) {
        Monitoring monitoring = config.monitoring();
        if (!monitoring.needsUi()) {
            return report(monitoring, run(session, resumed, resumedBest, listeners));
        }
        try (TrainingMonitor monitor = TrainingMonitors.provider().open(monitoring, session.model)) {
            if (monitor.url() != null) {
                // Asked for with --ui: the user needs the address before the first epoch ends.
                System.err.println("rnnkit: training UI at " + monitor.url()
                        + (monitor.epochsUrl() == null ? "" : " (per-epoch metrics: " + monitor.epochsUrl() + ")"));
                System.err.flush();
            }
            List<TrainingListener> all = new ArrayList<>(listeners);
            all.add(monitor);
            return report(monitoring, run(session, resumed, resumedBest, all));
        }
    }

    /**
     * Reports written from a run with validation data, in this JVM. A command that trains several networks (a
     * forecast ensemble, each member refitted on training + validation days) would otherwise end with the curves of
     * its last refit, which has no validation; the report keeps the last run that chose its epochs.
     */
    private static final java.util.Set<Path> REPORTED_WITH_VALIDATION = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static TrainingResult report(Monitoring monitoring, TrainingResult result) {
        boolean validated = result.history().stream().anyMatch(m -> !Double.isNaN(m.validationLoss()));
        Path file = monitoring.report() == null ? null : monitoring.report().toAbsolutePath().normalize();
        if (file != null && !validated && REPORTED_WITH_VALIDATION.contains(file)) {
            return result;
        }
        if (file != null && validated) {
            REPORTED_WITH_VALIDATION.add(file);
        }
        if (monitoring.report() != null) {
            TrainingReport.write(monitoring.report(), String.format(Locale.ROOT,
                    "Training curves: %d epoch(s), best epoch %d, %s", result.history().size(), result.bestEpoch(),
                    result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')),
                    result.history());
        }
        return result;
    }

    private <B> TrainingResult run(Session<B> session, CheckpointState resumed, INDArray resumedBest,
                                   List<TrainingListener> listeners) {
        ValidationMetric metric = config.validationMetric();
        SplitMix64 rng = new SplitMix64(resumed == null ? config.seed() : resumed.rngState());
        List<EpochMetrics> history = new ArrayList<>(resumed == null ? List.of() : resumed.history());
        int firstEpoch = resumed == null ? 1 : resumed.epoch() + 1;
        int bestEpoch = resumed == null ? 0 : resumed.bestEpoch();
        double bestMetric = resumed == null ? Double.NaN : resumed.bestMetric();
        int sinceImprovement = resumed == null ? 0 : resumed.epochsWithoutImprovement();
        INDArray bestParams = resumedBest;
        long deadline = config.timeBudget() == null ? Long.MAX_VALUE
                : System.nanoTime() + config.timeBudget().toNanos();
        long expectedBatches = history.isEmpty() ? -1 : history.get(history.size() - 1).batches();
        StopReason reason = StopReason.COMPLETED;
        Path lastCheckpoint = null;

        if (resumed != null && session.trainResettable) {
            // Iterators that reshuffle on every reset() pick their order by how often they were reset; replay the
            // resets of the epochs already done so the resumed run sees the order an uninterrupted one would.
            for (int i = 0; i < resumed.epoch(); i++) {
                session.trainReset.run();
            }
        }
        for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
            long epochSeed = rng.nextLong();
            Nd4j.getRandom().setSeed(epochSeed);
            if (session.train instanceof EpochShuffling shuffling) {
                shuffling.shuffle(epochSeed);
            }
            session.resetTrain(epoch == firstEpoch);

            long start = System.nanoTime();
            double lossSum = 0;
            long examples = 0;
            int batches = 0;
            boolean outOfTime = false;
            try (ProgressDisplay bar = ProgressDisplay.start(config.progress(), epoch, config.epochs(), expectedBatches)) {
                while (session.train.hasNext()) {
                    B batch = session.train.next();
                    long n = session.examples.applyAsLong(batch);
                    session.fit.accept(batch);
                    batches++;
                    double loss = session.lastScore.getAsDouble();
                    if (!Double.isFinite(loss)) {
                        throw new NonFiniteLossException(epoch, batches, loss);
                    }
                    lossSum += loss * n;
                    examples += n;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    bar.update(batches, lossSum / examples, examples / Math.max(seconds, 1e-9));
                    for (TrainingListener listener : listeners) {
                        listener.onBatchEnd(epoch, batches, loss);
                    }
                    if (System.nanoTime() > deadline) {
                        outOfTime = true;
                        break;
                    }
                }
            }
            if (batches == 0) {
                throw new IllegalArgumentException("the training iterator gave no batches in epoch " + epoch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            session.incrementEpoch.run();
            expectedBatches = batches;

            double validationLoss = session.validation == null ? Double.NaN : session.validationLoss();
            double watched = session.validation == null ? Double.NaN
                    : metric.isLoss() ? validationLoss : metric.function().applyAsDouble(session.model);
            if (session.validation == null) {
                bestEpoch = epoch;
            } else if (metric.improves(watched, bestMetric)) {
                bestMetric = watched;
                bestEpoch = epoch;
                sinceImprovement = 0;
                if (config.earlyStopping() && config.restoreBestWeights()) {
                    bestParams = session.model.params().dup();
                }
            } else {
                sinceImprovement++;
            }
            // Task metrics for the live view and the report: computed only while one is on, so they cost nothing
            // otherwise, and after the epoch's decision, so they never change it.
            Map<String, Double> reported = new LinkedHashMap<>();
            if (config.monitoring().isActive()) {
                config.reportedMetrics().forEach((name, f) -> reported.put(name, f.applyAsDouble(session.model)));
            }
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / examples, validationLoss, metric.name(), watched,
                    examples, batches, seconds, examples / Math.max(seconds, 1e-9), reported);
            history.add(metrics);

            boolean earlyStop = config.earlyStopping() && session.validation != null
                    && sinceImprovement >= config.patience();
            if (earlyStop) {
                reason = StopReason.EARLY_STOPPED;
            } else if (outOfTime) {
                reason = StopReason.TIME_BUDGET;
            }
            boolean lastEpoch = epoch == config.epochs() || reason != StopReason.COMPLETED;
            if (config.checkpointDir() != null && (epoch % config.checkpointEvery() == 0 || lastEpoch)) {
                CheckpointState state = new CheckpointState(epoch, rng.state(), history, bestEpoch, bestMetric,
                        sinceImprovement);
                lastCheckpoint = writeCheckpoint(session.model, state, bestParams);
            }
            for (TrainingListener listener : listeners) {
                listener.onEpochEnd(metrics);
            }
            if (reason != StopReason.COMPLETED) {
                break;
            }
        }
        if (config.earlyStopping() && config.restoreBestWeights() && bestParams != null) {
            session.model.setParams(bestParams);
        }
        TrainingResult result = new TrainingResult(session.model, history, bestEpoch, bestMetric, reason,
                lastCheckpoint);
        for (TrainingListener listener : listeners) {
            listener.onTrainingEnd(result);
        }
        return result;
    }

    private Path writeCheckpoint(Model network, CheckpointState state, INDArray bestParams) {
        Path file = config.checkpointDir().resolve(String.format("%s%04d%s", CHECKPOINT_PREFIX, state.epoch(),
                ModelFile.EXTENSION));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(STATE_ENTRY, JSON.writeValueAsBytes(state));
            if (bestParams != null) {
                entries.put(BEST_PARAMS_ENTRY, Nd4j.toByteArray(bestParams));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the trainer state: " + e.getMessage(), e);
        }
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("epochs", config.epochs());
        hyper.put("batchSize", config.batchSize());
        hyper.put("optimizer", config.optimizer().name());
        hyper.put("learningRate", config.learningRate());
        hyper.put("seed", config.seed());
        Manifest manifest = Manifest.forTask(CHECKPOINT_TASK).withHyperParameters(hyper);
        ModelFile.save(file, manifest, network, entries, true);
        return file;
    }

    private Restored restore(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Path file = Files.isDirectory(checkpoint) ? latestCheckpoint(checkpoint) : checkpoint;
        LoadedModel loaded = ModelFile.load(file, CHECKPOINT_TASK);
        CheckpointState state;
        try {
            state = JSON.readValue(loaded.entries().bytes(STATE_ENTRY), CheckpointState.class);
        } catch (IOException e) {
            throw new ModelFileException(file + " has an unreadable " + STATE_ENTRY + ": " + e.getMessage(), e);
        }
        INDArray best = loaded.entries().has(BEST_PARAMS_ENTRY)
                ? loaded.entries().array(BEST_PARAMS_ENTRY) : null;
        return new Restored(loaded.network(), state, best);
    }

    private record Restored(Model network, CheckpointState state, INDArray bestParams) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Applying the configuration to the network

    private void prepare(MultiLayerNetwork net) {
        requireInitialised(net.getLayers());
        applyToLayers(net.getLayers());
        if (config.tbpttLength() > 0) {
            net.getLayerWiseConfigurations().setBackpropType(BackpropType.TruncatedBPTT);
            net.getLayerWiseConfigurations().setTbpttFwdLength(config.tbpttLength());
            net.getLayerWiseConfigurations().setTbpttBackLength(config.tbpttLength());
        }
        // A fresh updater picks up the new settings; the old one was built from the network's own.
        net.setUpdater(UpdaterCreator.getUpdater(net));
    }

    private void prepare(ComputationGraph graph) {
        requireInitialised(graph.getLayers());
        applyToLayers(graph.getLayers());
        if (config.tbpttLength() > 0) {
            graph.getConfiguration().setBackpropType(BackpropType.TruncatedBPTT);
            graph.getConfiguration().setTbpttFwdLength(config.tbpttLength());
            graph.getConfiguration().setTbpttBackLength(config.tbpttLength());
        }
        graph.setUpdater(new ComputationGraphUpdater(graph));
    }

    private static void requireInitialised(org.deeplearning4j.nn.api.Layer[] layers) {
        if (layers == null) {
            throw new IllegalArgumentException("the network is not initialised; call init() before training");
        }
    }

    private void applyToLayers(org.deeplearning4j.nn.api.Layer[] layers) {
        IUpdater updater = config.optimizer().toUpdater(config.learningRate());
        for (org.deeplearning4j.nn.api.Layer layer : layers) {
            apply(layer.conf().getLayer(), layer.numParams() > 0, updater);
        }
    }

    private void apply(Layer layer, boolean hasParams, IUpdater updater) {
        if (layer instanceof Bidirectional bidirectional) {
            apply(bidirectional.getFwd(), hasParams, updater);
            apply(bidirectional.getBwd(), hasParams, updater);
        } else if (layer instanceof BaseWrapperLayer wrapper) {
            apply(wrapper.getUnderlying(), hasParams, updater);
        } else if (layer instanceof BaseLayer base) {
            base.setIUpdater(updater.clone());
            base.setBiasUpdater(null);
            if (config.gradientClipNorm() > 0) {
                base.setGradientNormalization(GradientNormalization.ClipL2PerLayer);
                base.setGradientNormalizationThreshold(config.gradientClipNorm());
            } else {
                base.setGradientNormalization(GradientNormalization.None);
            }
            List<Regularization> regularization = new ArrayList<>();
            if (config.l2() > 0) {
                regularization.add(new L2Regularization(config.l2()));
            }
            base.setRegularization(regularization);
            base.setRegularizationBias(new ArrayList<>());
        } else if (hasParams) {
            throw new IllegalArgumentException("cannot apply the training configuration to layer '"
                    + layer.getLayerName() + "' (" + layer.getClass().getSimpleName()
                    + "): it has parameters but is not a DL4J BaseLayer");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The few operations the loop needs, for either network type. */
    private static final class Session<B> {
        final Model model;
        final Iterator<B> train;
        final Iterator<B> validation;
        final Runnable trainReset;
        final boolean trainResettable;
        final Runnable validationReset;
        final Consumer<B> fit;
        final DoubleSupplier lastScore;
        final ToDoubleFunction<B> score;
        final ToLongFunction<B> examples;
        final Runnable incrementEpoch;

        private Session(Model model, Iterator<B> train, boolean trainResettable, Runnable trainReset,
                        Iterator<B> validation, Runnable validationReset, Consumer<B> fit,
                        DoubleSupplier lastScore, ToDoubleFunction<B> score, ToLongFunction<B> examples,
                        Runnable incrementEpoch) {
            this.model = model;
            this.train = train;
            this.trainResettable = trainResettable;
            this.trainReset = trainReset;
            this.validation = validation;
            this.validationReset = validationReset;
            this.fit = fit;
            this.lastScore = lastScore;
            this.score = score;
            this.examples = examples;
            this.incrementEpoch = incrementEpoch;
        }

        static Session<DataSet> of(MultiLayerNetwork net, DataSetIterator train, DataSetIterator validation) {
            return new Session<>(net, train, train.resetSupported(), train::reset, validation,
                    validation == null ? null : validation::reset, net::fit, net::score,
                    batch -> net.score(batch, false),
                    DataSet::numExamples, net::incrementEpochCount);
        }

        static Session<MultiDataSet> of(ComputationGraph graph, MultiDataSetIterator train,
                                        MultiDataSetIterator validation) {
            return new Session<>(graph, train, train.resetSupported(), train::reset, validation,
                    validation == null ? null : validation::reset, graph::fit, graph::score,
                    batch -> graph.score(batch, false), batch -> batch.getFeatures(0).size(0),
                    graph::incrementEpochCount);
        }

        void resetTrain(boolean first) {
            if (trainResettable) {
                trainReset.run();
            } else if (!first) {
                throw new IllegalArgumentException("the training iterator cannot be reset, but every epoch after"
                        + " the first needs to pass over the data again; use an iterator that supports reset()");
            }
        }

        double validationLoss() {
            validationReset.run();
            double sum = 0;
            long count = 0;
            while (validation.hasNext()) {
                B batch = validation.next();
                long n = examples.applyAsLong(batch);
                sum += score.applyAsDouble(batch) * n;
                count += n;
            }
            if (count == 0) {
                throw new IllegalArgumentException("the validation iterator gave no batches");
            }
            return sum / count;
        }
    }
}
