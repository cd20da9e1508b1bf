/**
 * The {@code rnnkit} command line: one picocli command with a subcommand per task verb. Every verb is a thin
 * layer over the task libraries' public API.
 */
package io.rnnkit.cli;
