package io.rnnkit.text.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads texts with class labels from JSON (an array of objects, or one object per line), CSV or TSV.
 *
 * <pre>{@code
 * ReadResult<LabelledText> imdb = LabelledTextReader.json("text", "class").readAll(path);
 * try (Stream<LabelledText> rows = LabelledTextReader.csv(Column.named("review"), Column.named("stars")).stream(csv)) {
 *     rows.forEach(...);
 * }
 * }</pre>
 *
 * <p>Policies:
 * <ul>
 *   <li>Text is returned exactly as written; labels are stripped of surrounding blanks, and JSON numbers and
 *       booleans keep their written form ({@code 1}, {@code -1}, {@code 0.5}, {@code true}).</li>
 *   <li>A record whose text is empty and whose label is absent or empty (like the {@code {"text":"","class":null}}
 *       that ends each UCI sentiment file) is an <em>empty record</em>: it is always skipped and counted in the
 *       {@link SkipLog}, never dropped silently. Blank lines carry no record and are ignored.</li>
 *   <li>Any other record with an empty text, a missing label, a non-string text or the wrong number of CSV
 *       fields is malformed: a {@link CorpusFormatException} with file and line, or, with
 *       {@link OnMalformed#SKIP}, skipped and counted.</li>
 *   <li>A text or label field/column that does not exist (in the header, or in the first JSON record) is always
 *       an error listing the fields that do exist. Broken syntax (an unclosed JSON array or CSV quote) is always
 *       an error, since reading cannot resume after it. A file with no records is an error.</li>
 * </ul>
 * CSV follows RFC 4180 (quoted fields may contain commas, quotes and line breaks), parsed by Apache Commons CSV,
 * which, unlike DataVec's line-based {@code CSVRecordReader}, handles quoted line breaks and reports positions.
 * TSV has no quoting: a field runs to the next tab, so quotes in text are kept as written.
 *
 * <p>Instances are immutable and thread-safe; each {@link #stream} call opens its own reader.
 */
public final class LabelledTextReader {
    private static final Logger LOG = LoggerFactory.getLogger(LabelledTextReader.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** One JSON line holds one value: a second one after it is an error, not silently dropped. */
    private static final ObjectReader JSON_LINE = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The file formats understood. */
    public enum Format {
        /** A JSON array of objects, or JSON lines (one object per line); told apart by the first character. */
        JSON,
        /** Comma-separated values, RFC 4180 quoting. */
        CSV,
        /** Tab-separated values, no quoting. */
        TSV
    }

    private final Format format;
    private final Column text;
    private final Column label;
    private final boolean header;
    private final OnMalformed onMalformed;

    private LabelledTextReader(Format format, Column text, Column label, boolean header, OnMalformed onMalformed) {
        this.format = format;
        this.text = Objects.requireNonNull(text, "text column");
        this.label = Objects.requireNonNull(label, "label column");
        this.header = header;
        this.onMalformed = Objects.requireNonNull(onMalformed, "onMalformed");
        if (format == Format.JSON && !(text.byName() && label.byName())) {
            throw new IllegalArgumentException("JSON fields are chosen by name, not by index");
        }
        if (!header && (text.byName() || label.byName())) {
            throw new IllegalArgumentException("columns chosen by name need a header line; use Column.at(index) or withHeader(true)");
        }
        if (text.equals(label)) {
            throw new IllegalArgumentException("text and label must be different columns, both are " + text);
        }
    }

    /** JSON array or JSON lines with the text and label in the named fields. */
    public static LabelledTextReader json(String textField, String labelField) {
        return new LabelledTextReader(Format.JSON, Column.named(textField), Column.named(labelField), true, OnMalformed.FAIL);
    }

    /** CSV with a header line; columns by name or 0-based index. */
    public static LabelledTextReader csv(Column text, Column label) {
        return new LabelledTextReader(Format.CSV, text, label, true, OnMalformed.FAIL);
    }

    /** TSV with a header line; columns by name or 0-based index. */
    public static LabelledTextReader tsv(Column text, Column label) {
        return new LabelledTextReader(Format.TSV, text, label, true, OnMalformed.FAIL);
    }

    /**
     * A reader for a file chosen by its extension: {@code .json}/{@code .jsonl}/{@code .ndjson} → JSON,
     * {@code .tsv}/{@code .tab} → TSV, anything else → CSV. Columns given as digits are 0-based indexes.
     */
    public static LabelledTextReader forFile(Path file, String textColumn, String labelColumn) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return json(textColumn, labelColumn);
        }
        Format f = name.endsWith(".tsv") || name.endsWith(".tab") ? Format.TSV : Format.CSV;
        return new LabelledTextReader(f, parseColumn(textColumn), parseColumn(labelColumn), true, OnMalformed.FAIL);
    }

    private static Column parseColumn(String s) {
        Objects.requireNonNull(s, "column");
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit) ? Column.at(Integer.parseInt(s)) : Column.named(s);
    }

    /** Whether the first CSV/TSV line is a header (default {@code true}); ignored for JSON. */
    public LabelledTextReader withHeader(boolean hasHeader) {
        return new LabelledTextReader(format, text, label, hasHeader, onMalformed);
    }

    /** What to do with malformed records (default {@link OnMalformed#FAIL}). */
    public LabelledTextReader onMalformed(OnMalformed policy) {
        return new LabelledTextReader(format, text, label, header, policy);
    }

    /** The file format. */
    public Format format() {
        return format;
    }

    /**
     * Streams the records of a file, reading one at a time. Close the stream (try-with-resources) if it is
     * not consumed to the end. Skipped records are logged as a warning when the stream ends.
     */
    public Stream<LabelledText> stream(Path file) {
        SkipLog log = new SkipLog();
        return stream(file, log).onClose(() -> {
            if (log.count() > 0) {
                LOG.warn("{}: {}", file, log.summary());
            }
        });
    }

    /** Streams the records of a file, counting skipped records in {@code skipped}. */
    public Stream<LabelledText> stream(Path file, SkipLog skipped) {
        return iterator(file, skipped).stream();
    }

    /** An iterator over the records of a file; it closes the file at the end of input or on {@code close()}. */
    CorpusIterator<LabelledText> iterator(Path file, SkipLog skipped) {
        Objects.requireNonNull(file, "file");
        return iterator(file.toString(), Utf8.open(file), skipped);
    }

    /** An iterator over the records read from {@code reader}; {@code source} names it in errors. */
    CorpusIterator<LabelledText> iterator(String source, BufferedReader reader, SkipLog skipped) {
        Objects.requireNonNull(skipped, "skipped");
        return switch (format) {
            case JSON -> jsonIterator(source, reader, skipped);
            case CSV, TSV -> new CsvIterator(source, reader, skipped);
        };
    }

    /** Reads a whole file into memory. */
    public ReadResult<LabelledText> readAll(Path file) {
        return readAll(List.of(file));
    }

    /** Reads several files (e.g. {@code imdb.json, yelp.json, amazon.json}) into one list, in order. */
    public ReadResult<LabelledText> readAll(List<Path> files) {
        SkipLog log = new SkipLog();
        List<LabelledText> all = new ArrayList<>();
        for (Path f : files) {
            addAll(iterator(f, log), all);
        }
        return new ReadResult<>(all, log);
    }

    /**
     * Reads all records of UTF-8 text from a stream (bytes in memory, a class-path resource) into memory, decoded
     * and parsed exactly as a file is by {@link #readAll(Path)}; the stream is closed.
     *
     * @param source names the stream in errors and in each record's {@link SourceLocation}, e.g. a file name
     * @throws CorpusFormatException as for a file, naming {@code source}
     */
    public ReadResult<LabelledText> readAll(String source, InputStream in) {
        Objects.requireNonNull(source, "source");
        SkipLog log = new SkipLog();
        List<LabelledText> all = new ArrayList<>();
        addAll(iterator(source, Utf8.open(Objects.requireNonNull(in, "in")), log), all);
        return new ReadResult<>(all, log);
    }

    /** Drains {@code records} into {@code all}, closing it however reading ends. */
    private static void addAll(CorpusIterator<LabelledText> records, List<LabelledText> all) {
        try (Stream<LabelledText> s = records.stream()) {
            s.forEach(all::add);
        }
    }

    // ---------------------------------------------------------------- shared record checks

    /** Base for the three formats: empty-record and malformed-record policy, empty-file check. */
    private abstract class Base extends CorpusIterator<LabelledText> {
        final String source;
        final SkipLog skipped;
        long produced;
        long skippedHere;

        Base(String source, SkipLog skipped) {
            this.source = source;
            this.skipped = skipped;
        }

        /** Applies the policies; returns the record, or null when it was skipped. */
        LabelledText accept(String textValue, String labelValue, SourceLocation where) {
            boolean noText = textValue == null || textValue.isBlank();
            String lab = labelValue == null ? null : labelValue.strip();
            boolean noLabel = lab == null || lab.isEmpty();
            if (noText && noLabel) {
                skipped.skip(where, "empty record", "empty record (no text, no label)");
                skippedHere++;
                return null;
            }
            if (noText) {
                return malformed(where, "empty text (label '" + lab + "')");
            }
            if (noLabel) {
                return malformed(where, "missing label for text \"" + abbreviate(textValue) + "\"");
            }
            produced++;
            return new LabelledText(textValue, lab, where);
        }

        LabelledText malformed(SourceLocation where, String problem) {
            if (onMalformed == OnMalformed.FAIL) {
                throw new CorpusFormatException(where, problem);
            }
            skipped.skip(where, "malformed", problem);
            skippedHere++;
            return null;
        }

        /** Called at the end of input. */
        void checkNotEmpty(long lines) {
            if (produced == 0) {
                SourceLocation where = new SourceLocation(source, 0);
                throw new CorpusFormatException(where, lines == 0 && skippedHere == 0 ? "file is empty"
                        : "no records read" + (skippedHere > 0 ? " (" + skippedHere + " skipped)" : ""));
            }
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    // ---------------------------------------------------------------- JSON

    private CorpusIterator<LabelledText> jsonIterator(String source, BufferedReader reader, SkipLog skipped) {
        int first;
        try {
            first = firstNonBlank(reader);
        } catch (IOException e) {
            closeQuietly(reader);
            if (Utf8.isDecodingError(e)) {
                throw Utf8.invalid(source, 1, e);
            }
            throw new UncheckedIOException(e);
        }
        if (first == '[') {
            return new JsonArrayIterator(source, reader, skipped);
        }
        if (first == -1 || first == '{') {
            return new JsonLinesIterator(source, reader, skipped);
        }
        closeQuietly(reader);
        throw new CorpusFormatException(new SourceLocation(source, 1),
                "not JSON: expected '[' (a JSON array) or '{' (JSON lines), found '" + Character.toString(first) + "'");
    }

    /** Peeks at the first non-whitespace character and rewinds. */
    private static int firstNonBlank(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        int c;
        int n = 0;
        do {
            c = reader.read();
            n++;
        } while (c != -1 && Character.isWhitespace(c) && n < (1 << 16) - 1);
        reader.reset();
        return c;
    }

    private abstract class JsonBase extends Base {
        boolean sawFirst;

        JsonBase(String source, SkipLog skipped) {
            super(source, skipped);
        }

        LabelledText fromNode(JsonNode node, SourceLocation where) {
            if (!node.isObject()) {
                return malformed(where, "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            JsonNode t = node.get(text.name());
            JsonNode l = node.get(label.name());
            if (!sawFirst) {
                sawFirst = true;
                // A missing field in the first record is a wrong field name, not bad data: always an error.
                for (Column c : List.of(text, label)) {
                    if (!node.has(c.name())) {
                        List<String> names = new ArrayList<>();
                        node.fieldNames().forEachRemaining(names::add);
                        throw new CorpusFormatException(where, "no field '" + c.name() + "' in the record; its fields are: "
                                + String.join(", ", names));
                    }
                }
            }
            if (t != null && !t.isNull() && !t.isTextual()) {
                return malformed(where, "field '" + text.name() + "' must be a string, found "
                        + t.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            if (l != null && l.isContainerNode()) {
                return malformed(where, "field '" + label.name() + "' must be a string, number or boolean, found "
                        + l.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            String textValue = t == null || t.isNull() ? null : t.textValue();
            String labelValue = l == null || l.isNull() ? null : l.isTextual() ? l.textValue() : l.asText();
            return accept(textValue, labelValue, where);
        }
    }

    private final class JsonArrayIterator extends JsonBase {
        private final JsonParser parser;
        private boolean started;
        private boolean ended;

        JsonArrayIterator(String source, BufferedReader reader, SkipLog skipped) {
            super(source, skipped);
            try {
                this.parser = JSON.getFactory().createParser(reader);
            } catch (IOException e) {
                closeQuietly(reader);
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected LabelledText computeNext() throws IOException {
            while (true) {
                if (ended) {
                    return null;
                }
                try {
                    if (!started) {
                        parser.nextToken(); // START_ARRAY, already peeked
                        started = true;
                    }
                    JsonToken tok = parser.nextToken();
                    if (tok == null) {
                        throw new CorpusFormatException(where(), "the JSON array is not closed (missing ']')");
                    }
                    if (tok == JsonToken.END_ARRAY) {
                        if (parser.nextToken() != null) {
                            throw new CorpusFormatException(where(), "unexpected content after the closing ']' of the JSON array");
                        }
                        ended = true;
                        checkNotEmpty(parser.currentLocation().getLineNr());
                        return null;
                    }
                    SourceLocation at = new SourceLocation(source, Math.max(1, parser.currentTokenLocation().getLineNr()));
                    JsonNode node = JSON.readTree(parser);
                    LabelledText r = fromNode(node, at);
                    if (r != null) {
                        return r;
                    }
                } catch (JsonProcessingException e) {
                    long line = e.getLocation() != null ? e.getLocation().getLineNr() : parser.currentLocation().getLineNr();
                    throw new CorpusFormatException(new SourceLocation(source, Math.max(1, line)),
                            "invalid JSON: " + e.getOriginalMessage(), e);
                } catch (IOException e) {
                    if (Utf8.isDecodingError(e)) {
                        throw Utf8.invalid(source, parser.currentLocation().getLineNr(), e);
                    }
                    throw e;
                }
            }
        }

        private SourceLocation where() {
            return new SourceLocation(source, Math.max(1, parser.currentLocation().getLineNr()));
        }

        @Override
        protected void release() throws IOException {
            parser.close();
        }
    }

    private final class JsonLinesIterator extends JsonBase {
        private final BufferedReader reader;
        private long line;

        JsonLinesIterator(String source, BufferedReader reader, SkipLog skipped) {
            super(source, skipped);
            this.reader = reader;
        }

        @Override
        protected LabelledText computeNext() throws IOException {
            while (true) {
                String s;
                try {
                    s = reader.readLine();
                } catch (IOException e) {
                    if (Utf8.isDecodingError(e)) {
                        throw Utf8.invalid(source, line + 1, e);
                    }
                    throw e;
                }
                if (s == null) {
                    checkNotEmpty(line);
                    return null;
                }
                line++;
                if (s.isBlank()) {
                    continue;
                }
                SourceLocation at = new SourceLocation(source, line);
                JsonNode node;
                try {
                    node = JSON_LINE.readTree(s);
                } catch (JsonProcessingException e) {
                    LabelledText r = malformed(at, "invalid JSON: " + e.getOriginalMessage());
                    if (r == null) {
                        continue;
                    }
                    return r;
                }
                LabelledText r = fromNode(node, at);
                if (r != null) {
                    return r;
                }
            }
        }

        @Override
        protected void release() throws IOException {
            reader.close();
        }
    }

    // ---------------------------------------------------------------- CSV / TSV

    private final class CsvIterator extends Base {
        private final CSVParser parser;
        private final Iterator<CSVRecord> rows;
        private List<String> headerNames;
        private int textIndex;
        private int labelIndex;

        CsvIterator(String source, BufferedReader reader, SkipLog skipped) {
            super(source, skipped);
            CSVFormat.Builder b = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false);
            if (format == Format.TSV) {
                b.setDelimiter('\t').setQuote(null);
            }
            try {
                this.parser = CSVParser.parse(reader, b.build());
            } catch (IOException e) {
                closeQuietly(reader);
                throw new UncheckedIOException(e);
            }
            this.rows = parser.iterator();
            this.textIndex = text.index();
            this.labelIndex = label.index();
        }

        /** The next non-blank row and the line it starts on, or null at the end. */
        private CSVRecord nextRow(long[] startLine) {
            while (true) {
                startLine[0] = parser.getCurrentLineNumber() + 1;
                boolean more;
                try {
                    more = rows.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    SourceLocation at = new SourceLocation(source, startLine[0]);
                    if (Utf8.isDecodingError(e)) {
                        throw Utf8.invalid(source, parser.getCurrentLineNumber() + 1, e);
                    }
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new CorpusFormatException(at, "invalid " + format + ": " + cause.getMessage(), e);
                }
                if (!more) {
                    return null;
                }
                CSVRecord r = rows.next();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line holds no record
                }
                return r;
            }
        }

        @Override
        protected LabelledText computeNext() {
            long[] start = new long[1];
            if (header && headerNames == null) {
                CSVRecord h = nextRow(start);
                if (h == null) {
                    checkNotEmpty(0);
                    return null;
                }
                headerNames = h.toList();
                textIndex = resolve(text, start[0]);
                labelIndex = resolve(label, start[0]);
            }
            while (true) {
                CSVRecord r = nextRow(start);
                if (r == null) {
                    checkNotEmpty(parser.getCurrentLineNumber());
                    return null;
                }
                SourceLocation at = new SourceLocation(source, start[0]);
                if (headerNames != null && r.size() != headerNames.size()) {
                    if (malformed(at, "row has " + r.size() + " fields, the header has " + headerNames.size()) == null) {
                        continue;
                    }
                }
                int needed = Math.max(textIndex, labelIndex) + 1;
                if (r.size() < needed) {
                    if (malformed(at, "row has " + r.size() + " fields; column #" + (needed - 1) + " is needed") == null) {
                        continue;
                    }
                }
                LabelledText t = accept(r.get(textIndex), r.get(labelIndex), at);
                if (t != null) {
                    return t;
                }
            }
        }

        private int resolve(Column c, long headerLine) {
            SourceLocation at = new SourceLocation(source, headerLine);
            if (c.byName()) {
                int i = headerNames.indexOf(c.name());
                if (i < 0) {
                    throw new CorpusFormatException(at, "no column '" + c.name() + "' in the header; its columns are: "
                            + String.join(", ", headerNames));
                }
                if (headerNames.lastIndexOf(c.name()) != i) {
                    throw new CorpusFormatException(at, "column '" + c.name() + "' appears twice in the header; choose it by index");
                }
                return i;
            }
            if (c.index() >= headerNames.size()) {
                throw new CorpusFormatException(at, "no column #" + c.index() + ": the header has " + headerNames.size()
                        + " columns (0-based): " + String.join(", ", headerNames));
            }
            return c.index();
        }

        @Override
        protected void release() throws IOException {
            parser.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing
        }
    }
}
