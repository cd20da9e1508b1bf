package io.rnnkit.text.encode;

/** How one label per sequence (many-to-one) is laid out. */
public enum LabelLayout {
    /**
     * Labels [batch, classes]: for a network that reduces the sequence itself (last time step or pooling,
     * which use the feature mask to find each row's last real step).
     */
    PER_SEQUENCE,
    /**
     * Labels [batch, classes, time] with the one-hot label at each row's last real step and a label mask
     * [batch, time] that is 1 only there: DL4J's ALIGN_END, for an RnnOutputLayer.
     */
    ALIGN_END
}
