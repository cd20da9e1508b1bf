package io.rnnkit.nn.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One epoch's terminal progress bar (batches, running loss, examples/s, ETA), or nothing in quiet mode. */
final class ProgressDisplay implements AutoCloseable {
    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    static ProgressDisplay start(TrainingConfig.Progress mode, int epoch, int epochs, long expectedBatches) {
        boolean show = switch (mode) {
            case BAR -> true;
            case QUIET -> false;
            // Without a console (tests, notebooks, redirected output) a bar only litters the log.
            case AUTO -> System.console() != null;
        };
        if (!show) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(String.format("Epoch %d/%d", epoch, epochs))
                // -1 = unknown length (first epoch of an iterator that does not know its size): no ETA yet.
                .setInitialMax(expectedBatches > 0 ? expectedBatches : -1)
                .setUnit(" batches", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new ProgressDisplay(bar);
    }

    void update(long batches, double meanLoss, double examplesPerSecond) {
        if (bar != null) {
            bar.stepTo(batches);
            bar.setExtraMessage(String.format("loss %.4f, %.0f ex/s", meanLoss, examplesPerSecond));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
