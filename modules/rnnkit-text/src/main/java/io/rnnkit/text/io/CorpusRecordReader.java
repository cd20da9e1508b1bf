package io.rnnkit.text.io;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The file-by-file streaming shared by the DataVec adapters: files of the {@link InputSplit} are opened one at a
 * time, in split order, through DataVec's stream creator (so {@code StreamInputSplit} works too).
 */
abstract class CorpusRecordReader<T> extends BaseRecordReader {
    private static final long serialVersionUID = 1L;

    private final SkipLog skipped = new SkipLog();
    private transient List<URI> locations = List.of();
    private transient int nextFile;
    private transient Stream<T> currentStream;
    private transient Iterator<T> current;
    private transient URI currentUri;
    private Configuration conf;

    /** Streams the items read from one source. */
    abstract Stream<T> open(String source, BufferedReader reader, SkipLog log);

    /** The line an item starts on. */
    abstract long lineOf(T item);

    @Override
    public void initialize(InputSplit split) throws IOException, InterruptedException {
        super.initialize(split);
        closeCurrent();
        this.locations = Arrays.asList(split.locations());
        this.nextFile = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException, InterruptedException {
        setConf(conf);
        initialize(split);
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            closeCurrent();
            if (nextFile >= locations.size()) {
                return false;
            }
            currentUri = locations.get(nextFile++);
            currentStream = open(sourceName(currentUri), Utf8.open(streamCreatorFn.apply(currentUri)), skipped);
            current = currentStream.iterator();
        }
        return true;
    }

    /** The next item and the URI of its file. */
    final T nextItem() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records; check hasNext() or call reset()");
        }
        T item = current.next();
        invokeListeners(item);
        return item;
    }

    final RecordMetaData metaData(T item) {
        return new RecordMetaDataLine((int) Math.min(Integer.MAX_VALUE, lineOf(item)), currentUri, getClass());
    }

    /** Reads the first item from a stream, as DataVec's {@code record(URI, DataInputStream)} asks. */
    final T first(URI uri, InputStream in) {
        try (Stream<T> s = open(uri == null ? "stream" : sourceName(uri), Utf8.open(in), new SkipLog())) {
            return s.findFirst().orElseThrow();
        }
    }

    /** Re-reads the item a metadata entry points to. */
    final T load(RecordMetaData meta) throws IOException {
        if (!(meta instanceof RecordMetaDataLine line)) {
            throw new IllegalArgumentException("expected line metadata from this reader, got " + meta);
        }
        URI uri = line.getURI();
        try (Stream<T> s = open(sourceName(uri), Utf8.open(streamCreatorFn.apply(uri)), new SkipLog())) {
            return s.filter(t -> lineOf(t) == line.getLineNumber()).findFirst()
                    .orElseThrow(() -> new IOException("no record at " + line.getLocation()));
        }
    }

    final List<T> load(List<RecordMetaData> metas) throws IOException {
        List<T> out = new ArrayList<>(metas.size());
        for (RecordMetaData m : metas) {
            out.add(load(m));
        }
        return out;
    }

    private static String sourceName(URI uri) {
        return "file".equals(uri.getScheme()) ? java.nio.file.Path.of(uri).toString() : uri.toString();
    }

    /** The records skipped so far (malformed ones in SKIP mode, empty terminator records). */
    public SkipLog skipped() {
        return skipped;
    }

    @Override
    public List<String> getLabels() {
        return null; // labels are strings in the records, not a fixed list known up front
    }

    @Override
    public void reset() {
        closeCurrent();
        nextFile = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        if (currentStream != null) {
            currentStream.close();
        }
        currentStream = null;
        current = null;
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
