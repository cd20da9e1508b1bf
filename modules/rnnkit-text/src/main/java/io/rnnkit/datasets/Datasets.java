package io.rnnkit.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Locates datasets fetched by {@code scripts/fetch-datasets}.
 *
 * <p>The root folder is, in order: the system property {@value #PROPERTY}, the environment variable
 * {@value #ENV}, a {@code datasets/} folder in the working directory or one of its parents. A missing
 * dataset raises {@link MissingDatasetException} whose message names the command that fetches it.
 */
public final class Datasets {
    /** System property naming the datasets root folder. */
    public static final String PROPERTY = "rnnkit.datasets";
    /** Environment variable naming the datasets root folder. */
    public static final String ENV = "RNNKIT_DATASETS";

    /** Daily Moby Dick text, for the character language model. */
    public static final String MOBY_DICK = "moby-dick";
    /** Shakespeare's 154 sonnets as plain text, for fast character-model tests. */
    public static final String SHAKESPEARE_SONNETS = "shakespeare-sonnets";
    /** 3,000 labelled review sentences (IMDb, Yelp, Amazon), for sentiment analysis. */
    public static final String UCI_SENTENCES = "uci-sentences";
    /** The tagged Brown corpus, for POS tagging. */
    public static final String BROWN = "brown";
    /** Daily Seattle weather 2012-2015, for forecasting. */
    public static final String SEATTLE_WEATHER = "seattle-weather";
    /** The Korean LibreOffice help pages (HTML), the source of {@link DerivedDatasets#KO_HELP_TEXT}. */
    public static final String LIBREOFFICE_HELP_KO = "libreoffice-help-ko";
    /** The English LibreOffice help pages (HTML), the English side of {@link DerivedDatasets#EN_KO_HELP_PAIRS}. */
    public static final String LIBREOFFICE_HELP_EN_US = "libreoffice-help-en-us";
    /** The French LibreOffice help (MPL-2.0): the other side of the English–French help pairs. */
    public static final String LIBREOFFICE_HELP_FR = "libreoffice-help-fr";
    /** The Korean Debian FAQ (HTML), the source of {@link DerivedDatasets#KO_FAQ_TEXT}. */
    public static final String DEBIAN_FAQ_KO = "debian-faq-ko";
    /** Penn-Treebank-tagged English samples from Apache OpenNLP's test resources, a second tagger test set. */
    public static final String OPENNLP_SAMPLES = "opennlp-samples";

    private Datasets() {
    }

    /** The datasets root folder (it may not exist yet). */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("datasets");
            if (Files.isRegularFile(candidate.resolve("manifest.tsv"))) {
                return candidate;
            }
        }
        return dir.resolve("datasets");
    }

    /** Whether the named dataset has been fetched and verified. */
    public static boolean isPresent(String name) {
        return Files.isRegularFile(root().resolve(name).resolve(".verified"));
    }

    /**
     * The folder of a fetched dataset.
     *
     * @throws MissingDatasetException if it has not been fetched, naming the command that fetches it
     */
    public static Path dir(String name) {
        Objects.requireNonNull(name, "name");
        Path d = root().resolve(name);
        if (!Files.isRegularFile(d.resolve(".verified"))) {
            throw new MissingDatasetException(name, d);
        }
        return d;
    }

    /**
     * A file inside a fetched dataset, e.g. {@code file("moby-dick", "data.txt")}.
     *
     * @throws MissingDatasetException if the dataset or the file is missing
     */
    public static Path file(String name, String relative) {
        Path f = dir(name).resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new MissingDatasetException(name, f);
        }
        return f;
    }

    /** Raised when a dataset is not on disk; the message says how to fetch it. */
    public static final class MissingDatasetException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String dataset;

        MissingDatasetException(String dataset, Path where) {
            super("dataset '" + dataset + "' is missing at " + where + "; run: scripts/fetch-datasets " + dataset);
            this.dataset = dataset;
        }

        /** The name of the missing dataset. */
        public String dataset() {
            return dataset;
        }
    }
}
