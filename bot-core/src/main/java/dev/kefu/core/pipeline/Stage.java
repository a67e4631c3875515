package dev.kefu.core.pipeline;

import dev.kefu.core.Coded;

/** The pipeline's stages, in flow order, as {@link StageTimer} names them ({@code nlu}, ...). */
public enum Stage implements Coded {
    /** ① the conversation loaded and the message added to it. */
    IN,
    /** ② language, normalised text, intent, entities, sentiment. */
    NLU,
    /** ③ retrieval. */
    KNOWLEDGE,
    /** ③½ the orders stage. */
    ORDERS,
    /** ④ the answer body. */
    COMPOSE,
    /** ⑤ marketing slots proposed. */
    SLOTS,
    /** ⑥ hand off or reply, the slot guard rails. */
    DECIDE,
    /** ⑦ the decision stored (the acknowledged turn). */
    OUT
}
