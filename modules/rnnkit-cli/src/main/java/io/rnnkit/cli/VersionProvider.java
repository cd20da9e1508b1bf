package io.rnnkit.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the rnnkit version from the jar manifest, with the Java runtime. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Rnnkit.class.getPackage().getImplementationVersion();
        return new String[] {
            "rnnkit " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
