package dev.kefu.core.knowledge;

import dev.kefu.core.intent.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns text into a unit-length vector for semantic retrieval, the second route of stage ③ beside
 * lexical search. A text is embedded in the <i>space</i> its language calls for (one model per
 * language); only vectors of the same space are comparable, so the knowledge index keeps one
 * vector field per space and a query searches the field of its own space.
 *
 * <p>Implementations must be thread-safe and must not download anything at run time.
 */
public interface TextEmbedder {
    /** A vector and the space it lives in. */
    record Embedding(String space, float[] vector) {
        public Embedding {
            dev.kefu.core.Checks.requireText("embedding.space", space);
            dev.kefu.core.Checks.requireNonNull("embedding.vector", vector);
        }
    }

    /** Every space this embedder writes into, with its vector dimension. */
    Map<String, Integer> spaces();

    /**
     * The models and the way they are called, as one id that changes whenever stored vectors would
     * differ from fresh ones (a knowledge index that keeps its vectors embeds everything again when
     * it changes). By default the class and its spaces.
     */
    default String model() {
        return getClass().getName() + spaces();
    }

    /** The embedding of one text, in the space of the text's language. */
    Embedding embed(String text);

    /**
     * The embedding of a normalised text whose language is known (a shopper message, which stage ②
     * normalised and detected), so nothing is normalised or detected again. By default the
     * language is not used.
     */
    default Embedding embed(String normalizedText, Language language) {
        return embed(normalizedText);
    }

    /**
     * Embeddings of many texts for an index, in order. Implementations may spread the work over
     * threads and batch texts in ways that change vectors very slightly against {@link #embed}
     * (never enough to change what a query finds).
     */
    default List<Embedding> embedAll(List<String> texts) {
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        for (String text : texts) {
            embeddings.add(embed(text));
        }
        return embeddings;
    }
}
