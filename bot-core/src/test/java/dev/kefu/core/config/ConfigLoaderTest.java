package dev.kefu.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void should_use_built_in_defaults_when_nothing_is_given() {
        KefuConfig config = ConfigLoader.defaults();
        assertThat(config.server().port()).isEqualTo(7070);
        assertThat(config.server().maxMessageChars()).isEqualTo(2000);
        assertThat(config.knowledge().file()).isNull();
        assertThat(config.handoff().explicitPhrases()).contains("转人工", "talk to a human");
    }

    @Test
    void should_apply_file_then_environment_then_overrides_in_that_order() throws Exception {
        Path file = Files.writeString(
                dir.resolve("kefu.yaml"),
                """
                server:
                  port: 8000
                  maxMessageChars: 500
                handoff:
                  tags: [vip_gold]
                """);
        Map<String, String> env = Map.of(
                "KEFU_SERVER_PORT",
                "9000",
                "KEFU_HANDOFF_TAGS",
                "vip_diamond, vip_gold",
                "KEFU_KNOWLEDGE_MIN_SCORE",
                "2.5");

        KefuConfig config = new ConfigLoader(env).load(file, Map.of("server.port", "9100"));

        assertThat(config.server().port()).isEqualTo(9100);
        assertThat(config.server().maxMessageChars()).isEqualTo(500);
        assertThat(config.handoff().tags()).containsExactly("vip_diamond", "vip_gold");
        assertThat(config.knowledge().minScore()).isEqualTo(2.5);
    }

    @Test
    void should_reject_retrieval_settings_when_they_are_out_of_range() throws Exception {
        Path file = Files.writeString(
                dir.resolve("retrieval.yaml"),
                """
                knowledge:
                  minSimilarity: 1.5
                  minSimilarityZh: -1.5
                  confidentSimilarity: 3
                  confidentSimilarityZh: -2
                  lexicalWeight: -1
                """);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .hasSize(5)
                        .anySatisfy(m -> assertThat(m).contains("knowledge.minSimilarity "))
                        .anySatisfy(m -> assertThat(m).contains("knowledge.minSimilarityZh"))
                        .anySatisfy(m -> assertThat(m).contains("knowledge.confidentSimilarity "))
                        .anySatisfy(m -> assertThat(m).contains("knowledge.confidentSimilarityZh"))
                        .anySatisfy(m -> assertThat(m).contains("knowledge.lexicalWeight")));
        KefuConfig defaults = ConfigLoader.defaults();
        assertThat(defaults.knowledge().semantic()).isTrue();
        assertThat(defaults.knowledge().minSimilarity()).isEqualTo(0.725); // calibrated (docs/BENCHMARKS.md)
        assertThat(defaults.knowledge().minSimilarityZh()).isEqualTo(0.63);
        assertThat(defaults.knowledge().confidentSimilarity())
                .isGreaterThan(defaults.knowledge().minSimilarity());
        assertThat(new ConfigLoader(Map.of("KEFU_KNOWLEDGE_SEMANTIC", "false"))
                        .load(null, Map.of())
                        .knowledge()
                        .semantic())
                .isFalse();
    }

    @Test
    void should_write_json_logs_unless_kefu_log_format_says_text_and_refuse_other_formats() {
        assertThat(ConfigLoader.defaults().log().format()).isEqualTo("json");
        assertThat(new ConfigLoader(Map.of("KEFU_LOG_FORMAT", "text"))
                        .load(null, Map.of())
                        .log()
                        .format())
                .isEqualTo("text");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("KEFU_LOG_FORMAT", "xml")).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.format must be one of [json, text], was xml");
    }

    @Test
    void should_report_every_error_at_once_when_file_and_environment_are_wrong() throws Exception {
        Path file = Files.writeString(
                dir.resolve("bad.yaml"),
                """
                server:
                  port: "eighty"
                  colour: blue
                knowledge:
                  maxPassages: 3
                nonsense: true
                """);
        Map<String, String> env = Map.of("KEFU_SENTIMENT_TREND_ALPHA", "lots");

        assertThatThrownBy(() -> new ConfigLoader(env).load(file, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .hasSize(4)
                        .anySatisfy(m -> assertThat(m).contains("server.port").contains("whole number"))
                        .anySatisfy(m -> assertThat(m).contains("unknown setting 'server.colour'"))
                        .anySatisfy(m -> assertThat(m).contains("unknown setting 'nonsense'"))
                        .anySatisfy(m -> assertThat(m).contains("KEFU_SENTIMENT_TREND_ALPHA")));
    }

    @Test
    void should_report_all_range_errors_when_values_are_out_of_range() {
        Map<String, String> env = Map.of("KEFU_SERVER_PORT", "70000", "KEFU_INTENTS_OUT_OF_SCOPE_THRESHOLD", "1.5");

        assertThatThrownBy(() -> new ConfigLoader(env).load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly(
                                "server.port must be 0..65535 (0 = any free port), was 70000",
                                "intents.outOfScopeThreshold must be in [0, 1], was 1.5"));
    }

    @Test
    void should_read_agent_queue_and_storage_settings_from_the_environment_and_check_them() {
        KefuConfig config = new ConfigLoader(Map.of(
                        "KEFU_AGENT_TOKENS", "li.na:token-of-li-na,sam:token-of-sam",
                        "KEFU_STORAGE_URL", "jdbc:postgresql://db:5432/kefu",
                        "KEFU_STORAGE_PASSWORD", "s3cret",
                        "KEFU_QUEUE_VIP_TARGET_MINUTES", "3"))
                .load(null, Map.of());
        assertThat(config.agent().tokens()).containsExactly("li.na:token-of-li-na", "sam:token-of-sam");
        assertThat(config.storage().url()).isEqualTo("jdbc:postgresql://db:5432/kefu");
        assertThat(config.storage().toString()).doesNotContain("s3cret");
        assertThat(config.queue().vipTargetMinutes()).isEqualTo(3);

        Map<String, String> bad = Map.of(
                "KEFU_AGENT_TOKENS", "li.na:short",
                "KEFU_STORAGE_URL", "jdbc:mysql://db/kefu",
                "KEFU_QUEUE_OVERDUE_ACTIONS", "notify,page_the_manager",
                "KEFU_AGENT_WEBHOOK_URL", "ftp://desk.example.com/hook",
                "KEFU_HANDOFF_STAGE_TIMEOUT_MS", "0");
        assertThatThrownBy(() -> new ConfigLoader(bad).load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(m -> assertThat(m).startsWith("agent.tokens[0] (li.na)"))
                        .anySatisfy(m -> assertThat(m).startsWith("storage.url must be"))
                        .anySatisfy(m -> assertThat(m).contains("unknown action \"page_the_manager\""))
                        .anySatisfy(m -> assertThat(m).startsWith("agent.webhookUrl must be an http(s) URL"))
                        .anySatisfy(m -> assertThat(m).startsWith("handoff.stageTimeoutMs must be >= 1")));
    }

    @Test
    void should_read_the_offer_settings_and_refuse_them_out_of_range() {
        KefuConfig config = new ConfigLoader(
                        Map.of("KEFU_HANDOFF_OFFER_BELOW", "-0.3", "KEFU_HANDOFF_INTENT_MIN_CONFIDENCE", "0.8"))
                .load(null, Map.of());
        assertThat(config.handoff().offerBelow()).isEqualTo(-0.3);
        assertThat(config.handoff().intentMinConfidence()).isEqualTo(0.8);
        assertThat(ConfigLoader.defaults().handoff().offerBelow()).isEqualTo(-0.2);

        Map<String, String> bad =
                Map.of("KEFU_HANDOFF_OFFER_BELOW", "0.5", "KEFU_HANDOFF_INTENT_MIN_CONFIDENCE", "1.5");
        assertThatThrownBy(() -> new ConfigLoader(bad).load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(m -> assertThat(m).startsWith("handoff.offerBelow must be in [-1, 0]"))
                        .anySatisfy(m -> assertThat(m).startsWith("handoff.intentMinConfidence must be in [0, 1]")));
    }

    @Test
    void should_size_the_pools_from_the_threads_settings_and_check_them() {
        KefuConfig defaults = ConfigLoader.defaults();
        assertThat(defaults.threads()).isEqualTo(new ThreadsConfig(16, 10_000, 0, 0));
        assertThat(defaults.threads().encoderThreads())
                .isEqualTo(defaults.threads().indexingThreads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());

        KefuConfig config = new ConfigLoader(Map.of("KEFU_THREADS_STAGES", "4", "KEFU_THREADS_INDEXING", "2"))
                .load(null, Map.of("threads.stageQueue", "50"));
        assertThat(config.threads()).isEqualTo(new ThreadsConfig(4, 50, 0, 2));
        assertThat(config.threads().indexingThreads()).isEqualTo(2);

        assertThatThrownBy(() -> new ConfigLoader(Map.of(
                                "KEFU_THREADS_STAGES", "0",
                                "KEFU_THREADS_STAGE_QUEUE", "0",
                                "KEFU_THREADS_ENCODERS", "-1",
                                "KEFU_THREADS_INDEXING", "1000"))
                        .load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly(
                                "threads.stages must be 1..1024, was 0",
                                "threads.stageQueue must be 1..1000000, was 0",
                                "threads.encoders must be 0..256 (0 = one per processor), was -1",
                                "threads.indexing must be 0..256 (0 = one per processor), was 1000"));
    }

    @Test
    void should_keep_personal_data_for_ever_by_default_and_check_the_retention() {
        assertThat(ConfigLoader.defaults().privacy()).isEqualTo(new PrivacyConfig(0));
        assertThat(new ConfigLoader(Map.of("KEFU_PRIVACY_RETENTION_DAYS", "30"))
                        .load(null, Map.of())
                        .privacy()
                        .retentionDays())
                .isEqualTo(30);

        assertThatThrownBy(() -> new ConfigLoader(Map.of("KEFU_PRIVACY_RETENTION_DAYS", "-1")).load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("privacy.retentionDays must be 0..3660 (0 = keep for ever), was -1"));
    }

    @Test
    void should_limit_clients_by_default_and_let_a_load_test_turn_the_address_limit_off() {
        assertThat(ConfigLoader.defaults().limits()).isEqualTo(new LimitsConfig(20, 60, 300, 5, 10));
        assertThat(new ConfigLoader(Map.of("KEFU_LIMITS_PER_ADDRESS_PER_MINUTE", "0"))
                        .load(null, Map.of())
                        .limits()
                        .perAddressPerMinute())
                .isZero();

        assertThatThrownBy(() ->
                        new ConfigLoader(Map.of("KEFU_LIMITS_PER_CONVERSATION_PER_MINUTE", "-1")).load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("limits.perConversationPerMinute must be 0..1000000 (0 = no limit), was -1"));
    }

    @Test
    void should_allow_the_servers_own_origin_by_default_and_read_a_list_of_origins() {
        assertThat(ConfigLoader.defaults().server().allowedOrigins()).isEmpty();
        assertThat(new ConfigLoader(Map.of(
                                "KEFU_SERVER_ALLOWED_ORIGINS", "https://shop.example.com, http://localhost:8080"))
                        .load(null, Map.of())
                        .server()
                        .allowedOrigins())
                .containsExactly("https://shop.example.com", "http://localhost:8080");

        assertThatThrownBy(
                        () -> new ConfigLoader(Map.of("KEFU_SERVER_ALLOWED_ORIGINS", "https://shop.example.com/path"))
                                .load(null, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly(
                                "server.allowedOrigins entries must be origins such as https://shop.example.com"
                                        + " (scheme, host and port only), was https://shop.example.com/path"));
    }

    @Test
    void should_read_the_identity_secret_and_keep_vip_tiers_out_of_what_a_browser_may_declare() {
        KefuConfig defaults = ConfigLoader.defaults();
        assertThat(defaults.store().identitySecret()).isNull();
        assertThat(defaults.shopper().selfDeclaredTags())
                .contains("mother_baby")
                .noneMatch(t -> t.startsWith("vip"));
        assertThat(defaults.shopper().maxBrowserTags()).isEqualTo(10);
        KefuConfig config = new ConfigLoader(Map.of(
                        "KEFU_STORE_IDENTITY_SECRET", "a-store-secret-of-at-least-32-bytes",
                        "KEFU_SHOPPER_SELF_DECLARED_TAGS", "mother_baby,hiker"))
                .load(null, Map.of("shopper.maxBrowserTags", "3"));
        assertThat(config.store().identitySecret()).isEqualTo("a-store-secret-of-at-least-32-bytes");
        assertThat(config.shopper()).isEqualTo(new ShopperConfig(List.of("mother_baby", "hiker"), 3));

        assertThatThrownBy(() -> new ConfigLoader(Map.of(
                                "KEFU_STORE_IDENTITY_SECRET", "too-short",
                                "KEFU_SHOPPER_SELF_DECLARED_TAGS", "vip_silver,vip_diamond,Not A Tag"))
                        .load(null, Map.of("shopper.maxBrowserTags", "51")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly(
                                "store.identitySecret must be at least 32 bytes (HS256), was 9",
                                "shopper.selfDeclaredTags must not hold a VIP tier or a tag that goes to a person"
                                        + " (queue.vipTags, handoff.tags), was \"vip_silver\"",
                                "shopper.selfDeclaredTags must not hold a VIP tier or a tag that goes to a person"
                                        + " (queue.vipTags, handoff.tags), was \"vip_diamond\"",
                                "shopper.selfDeclaredTags entries must be lowercase tags [a-z0-9_.:-], was \"Not A Tag\"",
                                "shopper.maxBrowserTags must be 0..50, was 51"));
    }

    @Test
    void should_accept_only_page_links_as_the_product_page_url() {
        assertThat(ConfigLoader.defaults().store().productPageUrl()).isEqualTo("/?product={productId}");
        assertThat(new ConfigLoader(Map.of("KEFU_STORE_PRODUCT_PAGE_URL", "https://shop.example/p/{productId}"))
                        .load(null, Map.of())
                        .store()
                        .productPageUrl())
                .isEqualTo("https://shop.example/p/{productId}");
        for (String bad : List.of("javascript:alert('{productId}')", "//evil.example/{productId}", "/p/x200")) {
            assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, Map.of("store.productPageUrl", bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                            .containsExactly("store.productPageUrl must be a path (/...) or an http(s) URL containing"
                                    + " {productId}, was " + bad));
        }
    }

    @Test
    void should_report_missing_file_when_config_path_does_not_exist() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void should_name_environment_variables_in_upper_snake_case() {
        assertThat(ConfigLoader.envName("llm.baseUrl")).isEqualTo("KEFU_LLM_BASE_URL");
        assertThat(ConfigLoader.envName("storage.url")).isEqualTo("KEFU_STORAGE_URL");
        assertThat(ConfigLoader.envName("intents.outOfScopeThreshold"))
                .isEqualTo("KEFU_INTENTS_OUT_OF_SCOPE_THRESHOLD");
    }
}
