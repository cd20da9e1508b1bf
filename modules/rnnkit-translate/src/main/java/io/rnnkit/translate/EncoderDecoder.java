package io.rnnkit.translate;

import io.rnnkit.nn.layers.FastBidirectional;
import io.rnnkit.nn.layers.FastRnnOutputLayer;
import io.rnnkit.nn.layers.GruLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J training graph of a {@link Translator}: two inputs (source ids, the target ids shifted right), one
 * output (the next target token's probabilities), masks on both sides. Vertex names are part of the model file.
 *
 * <pre>
 * source ──► source_embedding ──► encoder (BiGRU, concat) ──────────────┐ keys, values
 * target_in ► target_embedding ─► decoder (GRU) ──┬──► attention ◄───────┘ queries
 *                                                 └──► decoder_context (concat) ─► decoder_output (GRU) ─► output
 * </pre>
 *
 * The source reaches the decoder only through attention (the decoder GRUs start from zeros), so the training graph
 * runs every step of both sides at once with teacher forcing.
 */
final class EncoderDecoder {
    static final String SOURCE = "source";
    static final String TARGET_IN = "target_in";
    static final String SOURCE_EMBEDDING = "source_embedding";
    static final String ENCODER = "encoder";
    static final String TARGET_EMBEDDING = "target_embedding";
    static final String DECODER = "decoder";
    static final String ATTENTION = "attention";
    static final String CONTEXT = "decoder_context";
    static final String DECODER_OUTPUT = "decoder_output";
    static final String OUTPUT = "output";

    private EncoderDecoder() {
    }

    static ComputationGraph build(TranslatorConfig c, int sourceVocabulary, int targetVocabulary) {
        int encoderOut = 2 * c.encoderUnits();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                // The attention vertex is not a layer: it takes the updater and clipping from here.
                .updater(new Adam(c.learningRate()));
        if (c.clipNorm() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(c.clipNorm());
        }
        ComputationGraphConfiguration conf = base.graphBuilder()
                .addInputs(SOURCE, TARGET_IN)
                .setInputTypes(InputType.recurrent(sourceVocabulary), InputType.recurrent(targetVocabulary))
                .addLayer(SOURCE_EMBEDDING, embedding(sourceVocabulary, c.embedding()), SOURCE)
                .addLayer(ENCODER, new FastBidirectional(Bidirectional.Mode.CONCAT, gru(c.encoderUnits())),
                        SOURCE_EMBEDDING)
                .addLayer(TARGET_EMBEDDING, embedding(targetVocabulary, c.embedding()), TARGET_IN)
                .addLayer(DECODER, gru(c.decoderUnits()), TARGET_EMBEDDING)
                .addVertex(ATTENTION, new AttentionVertex.Builder()
                        .nInQueries(c.decoderUnits()).nInKeys(encoderOut).nInValues(encoderOut)
                        .headSize(c.attentionSize()).nOut(c.attentionSize()).nHeads(1).projectInput(true)
                        .weightInit(WeightInit.XAVIER).build(), DECODER, ENCODER, ENCODER)
                .addVertex(CONTEXT, new MergeVertex(), DECODER, ATTENTION)
                .addLayer(DECODER_OUTPUT, gru(c.decoderUnits()), CONTEXT)
                .addLayer(OUTPUT, FastRnnOutputLayer.of(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(targetVocabulary).activation(Activation.SOFTMAX).build()), DECODER_OUTPUT)
                .setOutputs(OUTPUT)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static EmbeddingSequenceLayer embedding(int vocabulary, int dim) {
        return new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(dim).hasBias(false)
                .inferInputLength(true).activation(Activation.IDENTITY).build();
    }

    private static GruLayer gru(int units) {
        return new GruLayer.Builder().nOut(units).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
    }
}
