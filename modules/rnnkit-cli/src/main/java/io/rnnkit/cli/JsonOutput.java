package io.rnnkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The {@code --json} output of every verb: one compact JSON object per line, written by one mapper. */
final class JsonOutput {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonOutput() {
    }

    /** {@code value} as one line of JSON. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
