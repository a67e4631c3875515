package dev.kefu.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole configuration, one typed tree. Built only by {@link ConfigLoader}, which merges the
 * built-in defaults, the {@code --config} file and the environment and reports every error at
 * once; nothing else reads files or the environment for settings.
 */
public record KefuConfig(
        ServerConfig server,
        KnowledgeConfig knowledge,
        IntentConfig intents,
        SentimentConfig sentiment,
        HandoffConfig handoff,
        ConversationConfig conversations,
        TrainerConfig trainer,
        QueueConfig queue,
        AgentConfig agent,
        StorageConfig storage,
        SlotsConfig slots,
        StoreConfig store,
        ShopperConfig shopper,
        LlmConfig llm,
        ThreadsConfig threads,
        PrivacyConfig privacy,
        LimitsConfig limits,
        OrdersConfig orders,
        ProactiveConfig proactive,
        LogConfig log) {

    /** Every semantic error in the tree (ranges, blanks), in path order; empty when valid. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        server.validate(errors);
        knowledge.validate(errors);
        intents.validate(errors);
        sentiment.validate(errors);
        handoff.validate(errors);
        conversations.validate(errors);
        trainer.validate(errors);
        queue.validate(errors);
        agent.validate(errors);
        storage.validate(errors);
        slots.validate(errors);
        store.validate(errors);
        shopper.validate(errors, queue.vipTags(), handoff.tags());
        llm.validate(errors);
        threads.validate(errors);
        privacy.validate(errors);
        limits.validate(errors);
        orders.validate(errors);
        proactive.validate(errors);
        log.validate(errors);
        return errors;
    }

    KefuConfig withServer(ServerConfig newServer) {
        return new KefuConfig(
                newServer,
                knowledge,
                intents,
                sentiment,
                handoff,
                conversations,
                trainer,
                queue,
                agent,
                storage,
                slots,
                store,
                shopper,
                llm,
                threads,
                privacy,
                limits,
                orders,
                proactive,
                log);
    }
}
