package io.rnnkit.nn.train;

import java.util.List;

/** The trainer's own state in a checkpoint ({@code trainer-state.json}); the network and updater travel apart. */
record CheckpointState(int epoch, long rngState, List<EpochMetrics> history, int bestEpoch, double bestMetric,
                       int epochsWithoutImprovement) {
}
