package io.rnnkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Joins rnnkit's benchmark figures with the libtorch peer's into the one summary that
 * {@code scripts/bench} prints: every rnnkit benchmark gains {@code libtorch_ms} and
 * {@code ratio_vs_libtorch} (libtorch ms ÷ rnnkit ms; above 1 means rnnkit is faster) when the peer
 * ran the same benchmark.
 *
 * <pre>
 * CompareMain RNNKIT_JSON LIBTORCH_JSON|- SUMMARY_JSON
 * </pre>
 * {@code -} (or a missing file) for the peer leaves the ratios null.
 */
public final class CompareMain {

    private CompareMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CompareMain RNNKIT_JSON LIBTORCH_JSON|- SUMMARY_JSON");
            System.exit(2);
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode rnnkit = read(mapper, Path.of(args[0]));
        Path peerPath = args[1].equals("-") ? null : Path.of(args[1]);
        JsonNode libtorch = peerPath != null && Files.isRegularFile(peerPath) ? read(mapper, peerPath) : null;
        ObjectNode summary = compare(mapper, rnnkit, libtorch);
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text + "\n");
        System.out.println(text);
    }

    private static JsonNode read(ObjectMapper mapper, Path p) throws IOException {
        try {
            return mapper.readTree(p.toFile());
        } catch (IOException e) {
            throw new IOException(p + ": not a benchmark JSON file (" + e.getMessage() + ")", e);
        }
    }

    /** The summary: rnnkit's figures with the peer's time and the ratio added per benchmark. */
    public static ObjectNode compare(ObjectMapper mapper, JsonNode rnnkit, JsonNode libtorch) {
        if (rnnkit == null || !rnnkit.has("benchmarks")) {
            throw new IllegalArgumentException("rnnkit results have no 'benchmarks' object");
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("ratio_definition", "libtorch ms / rnnkit ms (above 1: rnnkit faster)");
        out.set("machine", rnnkit.path("machine"));
        out.put("mode", rnnkit.path("mode").asText());
        out.set("sgemm_peak_gflops", rnnkit.path("sgemm_peak_gflops"));
        if (libtorch != null) {
            out.set("libtorch", libtorch.path("peer_info"));
        }
        ObjectNode benches = out.putObject("benchmarks");
        JsonNode peer = libtorch == null ? null : libtorch.path("benchmarks");
        Iterator<Map.Entry<String, JsonNode>> it = rnnkit.get("benchmarks").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode b = ((ObjectNode) e.getValue()).deepCopy();
            // The DL4J-path rows ("lstm.infer_dl4j.…") are compared with the same libtorch row as the engine's.
            JsonNode p = peer == null ? null : peer.get(e.getKey().replace("_dl4j.", "."));
            if (p != null && p.has("ms") && b.has("ms") && b.get("ms").asDouble() > 0) {
                double ratio = p.get("ms").asDouble() / b.get("ms").asDouble();
                b.put("libtorch_ms", p.get("ms").asDouble());
                b.put("ratio_vs_libtorch", BenchMain.round(ratio));
            } else if (b.has("ms") && !e.getKey().startsWith("sgemm") && !e.getKey().startsWith("lever")) {
                b.putNull("ratio_vs_libtorch");
            }
            benches.set(e.getKey(), b);
        }
        // Peer-only entries (e.g. a benchmark rnnkit skipped) stay visible under their own key.
        if (peer != null) {
            Iterator<Map.Entry<String, JsonNode>> pit = peer.fields();
            while (pit.hasNext()) {
                Map.Entry<String, JsonNode> e = pit.next();
                if (!benches.has(e.getKey())) {
                    ObjectNode b = benches.putObject(e.getKey());
                    b.putNull("ms");
                    b.put("libtorch_ms", e.getValue().path("ms").asDouble());
                }
            }
        }
        return out;
    }
}
