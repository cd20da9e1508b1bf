package io.rnnkit.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocationTest {
    @Test
    void plainPathsResolveToThemselves(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("m.rnnk"), "x");
        assertEquals(f, ModelLocation.resolve(f.toString()));
    }

    @Test
    void missingFileAndDirectoryAreClearErrors(@TempDir Path tmp) {
        var e = assertThrows(ModelFileException.class, () -> ModelLocation.resolve(tmp.resolve("no.rnnk").toString()));
        assertTrue(e.getMessage().endsWith("no.rnnk does not exist"), e.getMessage());
        e = assertThrows(ModelFileException.class, () -> ModelLocation.resolve(tmp.toString()));
        assertTrue(e.getMessage().endsWith("(it is a directory)"), e.getMessage());
    }

    @Test
    void unknownBuiltinNamesTheKnownOnesAndTheArtifact() {
        var e = assertThrows(ModelFileException.class, () -> ModelLocation.resolve("builtin:nope"));
        assertEquals("no built-in model 'nope' on the class path (known: charlm, sentiment, tagger, forecast, "
                + "charlm-ko, translate-en-ko; the models ship in io.rnnkit:rnnkit-models)", e.getMessage());
        assertTrue(ModelLocation.isBuiltin("builtin:charlm"));
        assertEquals("charlm", ModelLocation.builtinTask("charlm-ko"));
        assertEquals("tagger", ModelLocation.builtinTask("tagger"));
        assertEquals("translate", ModelLocation.builtinTask("translate-en-ko"));
        assertFalse(ModelLocation.isBuiltin("charlm.rnnk"));
    }

    @Test
    void builtinResourceIsExtractedOncePerJvm() throws Exception {
        // The test class path carries a fake built-in model under io/rnnkit/models/.
        Path first = ModelLocation.resolve("builtin:forecast");
        assertSame(first, ModelLocation.resolve("builtin:forecast"));
        assertEquals("test resource\n", Files.readString(first));
        assertTrue(ModelLocation.availableBuiltins().contains("forecast"));
    }
}
