package dev.kefu.eval.run;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.graph.Neighbour;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.RelationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval kb-bench --nodes N [--queries Q] --out R}: builds a store-shaped graph of N
 * nodes ({@link SyntheticGraph}) into a fresh hybrid index with the server's settings, and times
 * indexing (embeddings included), lexical and hybrid queries (query embedding included) and
 * two-hop neighbour queries, one at a time after a warm-up.
 */
@Command(
        name = "kb-bench",
        mixinStandardHelpOptions = true,
        description = "Times indexing, lexical, hybrid and neighbour queries on a generated knowledge graph.")
public final class KbBenchCommand implements Callable<Integer> {
    /**
     * The relation types a neighbour query follows: the ones a product answer uses (its policies,
     * accessories, bundles, predecessors, related entries). Category and brand membership are left
     * out: "every product of this category" is a listing, not a neighbour query.
     */
    static final Set<RelationType> NEIGHBOUR_TYPES = Set.of(
            RelationType.GOVERNED_BY,
            RelationType.ACCESSORY_OF,
            RelationType.BUNDLE_WITH,
            RelationType.REPLACES,
            RelationType.RELATED);

    @Option(names = "--nodes", required = true, description = "Number of graph nodes (entries), at least 100.")
    int nodes;

    @Option(
            names = "--queries",
            description = "Queries, JSON Lines {\"text\", \"label\"} (labels ignored); default: 1,000 generated ones.")
    Path queriesFile;

    @Mixin
    ReportFile out;

    @Option(names = "--seed", description = "Seed of the generated graph and queries (default: ${DEFAULT-VALUE}).")
    long seed = 42L;

    @Override
    public Integer call() throws Exception {
        List<KnowledgeEntry> entries = SyntheticGraph.generate(nodes, seed);
        List<String> queries = queriesFile == null
                ? generatedQueries(entries, 1000, new Random(seed + 1))
                : new TrainingDataReader()
                        .read(queriesFile).stream().map(TrainingExample::text).toList();
        KefuConfig defaults = ConfigLoader.defaults();
        KnowledgeConfig config = defaults.knowledge();
        KefuNormalizer normalizer = new KefuNormalizer();
        ScriptLanguageDetector detector = new ScriptLanguageDetector();
        Path indexDir = Files.createTempDirectory("kefu-kb-bench");
        try (Encoders encoders = Encoders.forThisMachine();
                IndexingPool indexing = new IndexingPool(defaults.threads())) {
            EncoderTextEmbedder embedder = new EncoderTextEmbedder(encoders);
            embedder.embed("load the models before timing"); // model loading is start-up, not indexing
            embedder.embed("加载模型");
            System.err.println("indexing " + entries.size() + " nodes");
            long start = System.nanoTime();
            try (KnowledgeBase kb = KnowledgeBase.open(
                    indexDir,
                    entries,
                    config.minScore(),
                    embedder,
                    config.minSimilarity(),
                    config.lexicalWeight(),
                    indexing.threads())) {
                double indexSeconds = (System.nanoTime() - start) / 1e9;
                Random random = new Random(seed + 2);
                List<String> products = entries.stream()
                        .map(KnowledgeEntry::id)
                        .filter(id -> id.startsWith("product-"))
                        .toList();
                List<String> warmUp = generatedQueries(entries, 200, new Random(seed + 3));
                for (String text : warmUp) {
                    query(kb.retriever(), normalizer, detector, "warm " + text);
                    query(kb.lexicalRetriever(), normalizer, detector, text);
                    kb.graph()
                            .neighbours(
                                    products.get(random.nextInt(products.size())),
                                    NEIGHBOUR_TYPES,
                                    Neighbour.Direction.BOTH,
                                    2);
                }
                Latencies lexical = time(kb.lexicalRetriever(), queries, normalizer, detector);
                Latencies hybrid = time(kb.retriever(), queries, normalizer, detector);
                Latencies neighbours = new Latencies();
                long reached = 0;
                for (int i = 0; i < queries.size(); i++) {
                    String id = products.get(random.nextInt(products.size()));
                    long t = System.nanoTime();
                    reached += kb.graph()
                            .neighbours(id, NEIGHBOUR_TYPES, Neighbour.Direction.BOTH, 2)
                            .size();
                    neighbours.add(System.nanoTime() - t);
                }
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                double heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
                Report report = new Report("Knowledge graph benchmark: " + nodes + " nodes")
                        .put("index_nodes_per_s", entries.size() / indexSeconds)
                        .put("bm25_ms_p99", lexical.percentileMs(99))
                        .put("hybrid_ms_p99", hybrid.percentileMs(99))
                        .put("neighbours_ms_p99", neighbours.percentileMs(99))
                        .put("heap_mb", heapMb)
                        .put("nodes", entries.size())
                        .put("index_seconds", indexSeconds)
                        .put("n_queries", queries.size())
                        .put("bm25_ms_p50", lexical.percentileMs(50))
                        .put("hybrid_ms_p50", hybrid.percentileMs(50))
                        .put("neighbours_ms_p50", neighbours.percentileMs(50))
                        .put("neighbours_mean_reached", (double) reached / queries.size())
                        .put("cores", Runtime.getRuntime().availableProcessors());
                out.write(
                        report,
                        "%d nodes: %.0f nodes/s indexed; p99 bm25 %.2f ms, hybrid %.2f ms, neighbours %.2f ms;"
                                + " heap %.0f MB",
                        entries.size(),
                        entries.size() / indexSeconds,
                        lexical.percentileMs(99),
                        hybrid.percentileMs(99),
                        neighbours.percentileMs(99),
                        heapMb);
            }
        } finally {
            KbCommand.deleteRecursively(indexDir);
        }
        return 0;
    }

    private static Latencies time(
            KnowledgeRetriever retriever,
            List<String> queries,
            KefuNormalizer normalizer,
            ScriptLanguageDetector detector) {
        Latencies latencies = new Latencies();
        for (String text : queries) {
            long t = System.nanoTime();
            query(retriever, normalizer, detector, text);
            latencies.add(System.nanoTime() - t);
        }
        return latencies;
    }

    private static void query(
            KnowledgeRetriever retriever, KefuNormalizer normalizer, ScriptLanguageDetector detector, String text) {
        String normalized = normalizer.normalize(text);
        Language language = detector.detect(normalized);
        retriever.retrieve(new KnowledgeQuery(normalized, language, "unknown", List.of(), 5));
    }

    /** Shopper-like questions about random products and FAQs, one in ten in Chinese. */
    static List<String> generatedQueries(List<KnowledgeEntry> entries, int count, Random random) {
        List<String> queries = new ArrayList<>(count);
        String[] templates = {
            "is the %s in stock",
            "how much is the %s",
            "does the %s come with a warranty",
            "what goes with the %s",
            "can I return the %s"
        };
        while (queries.size() < count) {
            KnowledgeEntry entry = entries.get(random.nextInt(entries.size()));
            if (queries.size() % 10 == 9) {
                queries.add("这个" + entry.title().split(" ")[0] + "有货吗 " + queries.size());
            } else {
                String title = entry.title().toLowerCase(Locale.ROOT);
                queries.add(String.format(Locale.ROOT, templates[random.nextInt(templates.length)], title));
            }
        }
        return queries;
    }
}
