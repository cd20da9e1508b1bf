package io.rnnkit.text.io;

import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.Record;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A DataVec {@link org.datavec.api.records.reader.SequenceRecordReader} over tagged sentences: each sentence
 * is one sequence whose steps are {@code [Text word, Text tag]}.
 *
 * <pre>{@code
 * SequenceRecordReader rr = new TaggedSentenceRecordReader(BrownCorpusReader.create());
 * rr.initialize(new CollectionInputSplit(BrownCorpusReader.corpusFiles(dir).stream().map(Path::toUri).toList()));
 * }</pre>
 *
 * Sentences are read one at a time, file after file. It is a sequence reader only: use
 * {@link #sequenceRecord()} / {@link #nextSequence()}; the single-record methods throw
 * {@link UnsupportedOperationException}.
 */
public final class TaggedSentenceRecordReader extends CorpusRecordReader<TaggedSentence>
        implements org.datavec.api.records.reader.SequenceRecordReader {
    private static final long serialVersionUID = 1L;

    private final transient TaggedCorpusReader format;

    /** A reader of the given corpus format, e.g. {@link BrownCorpusReader#create()} or {@link ConlluReader#upos()}. */
    public TaggedSentenceRecordReader(TaggedCorpusReader format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    Stream<TaggedSentence> open(String source, BufferedReader reader, SkipLog log) {
        return format.stream(source, reader, log);
    }

    @Override
    long lineOf(TaggedSentence item) {
        return item.location().line();
    }

    /** The steps of a sentence: one {@code [word, tag]} pair per word. */
    public static List<List<Writable>> toSequence(TaggedSentence s) {
        List<List<Writable>> steps = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            List<Writable> step = new ArrayList<>(2);
            step.add(new Text(s.words().get(i)));
            step.add(new Text(s.tags().get(i)));
            steps.add(step);
        }
        return steps;
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        return toSequence(nextItem());
    }

    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream in) {
        return toSequence(first(uri, in));
    }

    @Override
    public SequenceRecord nextSequence() {
        TaggedSentence s = nextItem();
        return new org.datavec.api.records.impl.SequenceRecord(toSequence(s), metaData(s));
    }

    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData meta) throws IOException {
        return new org.datavec.api.records.impl.SequenceRecord(toSequence(load(meta)), meta);
    }

    @Override
    public List<SequenceRecord> loadSequenceFromMetaData(List<RecordMetaData> metas) throws IOException {
        List<SequenceRecord> out = new ArrayList<>(metas.size());
        for (RecordMetaData m : metas) {
            out.add(loadSequenceFromMetaData(m));
        }
        return out;
    }

    private static UnsupportedOperationException sequenceOnly() {
        return new UnsupportedOperationException("TaggedSentenceRecordReader yields sequences: use sequenceRecord() or nextSequence()");
    }

    @Override
    public List<Writable> next() {
        throw sequenceOnly();
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream in) {
        throw sequenceOnly();
    }

    @Override
    public Record nextRecord() {
        throw sequenceOnly();
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) {
        throw sequenceOnly();
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metas) {
        throw sequenceOnly();
    }
}
