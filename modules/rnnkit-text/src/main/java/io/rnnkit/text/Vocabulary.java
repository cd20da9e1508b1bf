package io.rnnkit.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable token ↔ index mapping with frequency counts.
 *
 * <p>Index {@link #PAD} (0) is reserved for padding and {@link #UNK} (1) for unknown tokens, so an
 * embedding layer can mask index 0 and every out-of-vocabulary token maps to one learned vector.
 * The remaining tokens are ordered by count (descending) with ties broken by token string
 * ({@link String#compareTo}), so the same corpus always gives the same indices.
 *
 * <p>Built with {@link #builder()} / {@link #of(Iterable, long, int)}, saved as UTF-8 text with one token
 * per line (line number = index) and its count after a tab. Tab, newline, carriage return and backslash
 * inside a token are written as {@code \t}, {@code \n}, {@code \r}, {@code \\}, so a character
 * vocabulary with a newline token round-trips.
 */
public final class Vocabulary {
    /** Index of the padding token. */
    public static final int PAD = 0;
    /** Index of the unknown-token entry. */
    public static final int UNK = 1;
    /** Text of the padding token. */
    public static final String PAD_TOKEN = "<pad>";
    /** Text of the unknown token. */
    public static final String UNK_TOKEN = "<unk>";
    /** Number of reserved entries (PAD and UNK). */
    public static final int RESERVED = 2;

    private final List<String> tokens;
    private final long[] counts;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> tokens, long[] counts) {
        this.tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
        this.counts = counts.clone();
        this.index = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (index.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary token '" + tokens.get(i) + "' at index " + i);
            }
        }
    }

    /** A builder that counts tokens; no min-count or size limit until set. */
    public static Builder builder() {
        return new Builder();
    }

    /** All tokens, no limits. */
    public static Vocabulary of(Iterable<String> tokens) {
        return builder().addAll(tokens).build();
    }

    /**
     * Tokens seen at least {@code minCount} times, keeping the most frequent so that {@link #size()}
     * (reserved entries included) is at most {@code maxSize}.
     */
    public static Vocabulary of(Iterable<String> tokens, long minCount, int maxSize) {
        return builder().minCount(minCount).maxSize(maxSize).addAll(tokens).build();
    }

    /**
     * A character vocabulary: every token of {@code text} under {@code tokenizer} (usually a
     * {@link CharTokenizer}), no limits. Spaces and newlines are ordinary entries.
     */
    public static Vocabulary ofCharacters(String text, CharTokenizer tokenizer) {
        return of(tokenizer.words(text));
    }

    /** A code-point character vocabulary of {@code text}. */
    public static Vocabulary ofCharacters(String text) {
        return ofCharacters(text, new CharTokenizer());
    }

    /** Number of entries, reserved ones included. */
    public int size() {
        return tokens.size();
    }

    /** The index of {@code token}, or {@link #UNK} when it is not in the vocabulary. */
    public int indexOf(String token) {
        Integer i = index.get(token);
        return i == null ? UNK : i;
    }

    /**
     * The token at {@code index}.
     *
     * @throws IllegalArgumentException when the index is outside {@code [0, size())}
     */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw new IllegalArgumentException("vocabulary index " + index + " out of range [0, " + tokens.size() + ")");
        }
        return tokens.get(index);
    }

    /** Whether {@code token} has its own entry (reserved tokens included). */
    public boolean contains(String token) {
        return index.containsKey(token);
    }

    /** How often {@code token} was counted when building; 0 for reserved and unknown tokens. */
    public long count(String token) {
        Integer i = index.get(token);
        return i == null ? 0 : counts[i];
    }

    /** All tokens in index order (unmodifiable). */
    public List<String> tokens() {
        return tokens;
    }

    /** The indices of {@code tokens}; unknown tokens map to {@link #UNK}. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(tokens.get(i));
        }
        return out;
    }

    /** The tokens of {@code indices}. */
    public List<String> decode(int[] indices) {
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(token(i));
        }
        return out;
    }

    /**
     * Writes the vocabulary as text (see class comment); the file is replaced atomically.
     *
     * @throws IOException when the file cannot be written, or a token holds an unpaired surrogate (a string cut in
     *                     the middle of a character), which UTF-8 cannot encode
     */
    public void save(Path path) throws IOException {
        io.rnnkit.text.io.AtomicFiles.write(path, toBytes(path.toString()));
    }

    /**
     * The text format of {@link #save(Path)} as UTF-8 bytes, e.g. for an entry of a model file.
     *
     * @throws IOException when a token holds an unpaired surrogate, which UTF-8 cannot encode
     */
    public byte[] toBytes() throws IOException {
        return toBytes("vocabulary");
    }

    private byte[] toBytes(String name) throws IOException {
        StringBuilder text = new StringBuilder(tokens.size() * 12);
        for (int i = 0; i < tokens.size(); i++) {
            int at = unpairedSurrogate(tokens.get(i));
            if (at >= 0) {
                throw new IOException(name + ": vocabulary token " + i + " has an unpaired surrogate (U+"
                        + String.format("%04X", (int) tokens.get(i).charAt(at)) + " at char " + at
                        + "), which UTF-8 cannot encode");
            }
            text.append(escape(tokens.get(i))).append('\t').append(counts[i]).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a vocabulary written by {@link #save(Path)}. A line may omit the count (then 0).
     *
     * @throws VocabularyFormatException naming the file and line for malformed content
     */
    public static Vocabulary load(Path path) throws IOException {
        return fromBytes(Files.readAllBytes(path), path.toString());
    }

    /**
     * Reads the text format of {@link #save(Path)} from bytes (e.g. a model-file entry).
     *
     * @param source names the bytes in messages, e.g. {@code model.rnnk: vocab.txt}
     * @throws VocabularyFormatException naming the source and line for malformed content
     */
    public static Vocabulary fromBytes(byte[] bytes, String source) throws VocabularyFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new VocabularyFormatException(source + ": not valid UTF-8");
        }
        List<String> lines = text.lines().toList();
        String path = source;
        List<String> tokens = new ArrayList<>(lines.size());
        long[] counts = new long[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.lastIndexOf('\t');
            String raw = tab < 0 ? line : line.substring(0, tab);
            if (tab >= 0) {
                try {
                    counts[i] = Long.parseLong(line.substring(tab + 1));
                } catch (NumberFormatException e) {
                    throw new VocabularyFormatException(path + ":" + (i + 1) + ": count '" + line.substring(tab + 1)
                            + "' is not an integer");
                }
                if (counts[i] < 0) {
                    throw new VocabularyFormatException(path + ":" + (i + 1) + ": negative count " + counts[i]);
                }
            }
            String token;
            try {
                token = unescape(raw);
            } catch (IllegalArgumentException e) {
                throw new VocabularyFormatException(path + ":" + (i + 1) + ": " + e.getMessage());
            }
            if (token.isEmpty()) {
                throw new VocabularyFormatException(path + ":" + (i + 1) + ": empty token");
            }
            tokens.add(token);
        }
        if (tokens.size() < RESERVED || !tokens.get(PAD).equals(PAD_TOKEN) || !tokens.get(UNK).equals(UNK_TOKEN)) {
            throw new VocabularyFormatException(path + ": the first two lines must be " + PAD_TOKEN + " and " + UNK_TOKEN);
        }
        try {
            return new Vocabulary(tokens, counts);
        } catch (IllegalArgumentException e) {
            throw new VocabularyFormatException(path + ": " + e.getMessage());
        }
    }

    /** The index of the first surrogate char in {@code s} that is not half of a pair, or -1. */
    private static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static String escape(String token) {
        StringBuilder sb = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new IllegalArgumentException("dangling backslash in token '" + s + "'");
            }
            char e = s.charAt(i);
            switch (e) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> throw new IllegalArgumentException("unknown escape '\\" + e + "' in token '" + s + "'");
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && tokens.equals(v.tokens) && java.util.Arrays.equals(counts, v.counts);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode() * 31 + java.util.Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + size() + ", first=" + tokens.subList(RESERVED, Math.min(size(), RESERVED + 5)) + "]";
    }

    /** Counts tokens, then {@link #build()}s an immutable {@link Vocabulary}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Long> counts = new HashMap<>();
        private long minCount = 1;
        private int maxSize = Integer.MAX_VALUE;

        private Builder() {
        }

        /** Drop tokens seen fewer than {@code minCount} times (they become UNK); at least 1. */
        public Builder minCount(long minCount) {
            if (minCount < 1) {
                throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
            }
            this.minCount = minCount;
            return this;
        }

        /** Keep at most {@code maxSize} entries in total, the two reserved ones included; at least 2. */
        public Builder maxSize(int maxSize) {
            if (maxSize < RESERVED) {
                throw new IllegalArgumentException("maxSize must be >= " + RESERVED + " (PAD and UNK), got " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /** Counts one occurrence of {@code token}. */
        public Builder add(String token) {
            return add(token, 1);
        }

        /** Counts {@code count} occurrences of {@code token}. */
        public Builder add(String token, long count) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("vocabulary tokens must be non-empty, got " + (token == null ? "null" : "''"));
            }
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, got " + count + " for '" + token + "'");
            }
            counts.merge(token, count, Long::sum);
            return this;
        }

        /** Counts every token of {@code tokens}. */
        public Builder addAll(Iterable<String> tokens) {
            for (String t : tokens) {
                add(t);
            }
            return this;
        }

        /**
         * The vocabulary: PAD, UNK, then tokens with count ≥ minCount by count desc, token asc, cut to
         * maxSize. Occurrences of the literal strings {@code <pad>} / {@code <unk>} map to the reserved entries.
         */
        public Vocabulary build() {
            List<Map.Entry<String, Long>> entries = new ArrayList<>();
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (e.getValue() >= minCount && !e.getKey().equals(PAD_TOKEN) && !e.getKey().equals(UNK_TOKEN)) {
                    entries.add(e);
                }
            }
            entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                    .thenComparing(Map.Entry::getKey));
            int keep = Math.min(entries.size(), maxSize - RESERVED);
            List<String> tokens = new ArrayList<>(keep + RESERVED);
            long[] c = new long[keep + RESERVED];
            tokens.add(PAD_TOKEN);
            tokens.add(UNK_TOKEN);
            for (int i = 0; i < keep; i++) {
                tokens.add(entries.get(i).getKey());
                c[i + RESERVED] = entries.get(i).getValue();
            }
            return new Vocabulary(tokens, c);
        }
    }
}
