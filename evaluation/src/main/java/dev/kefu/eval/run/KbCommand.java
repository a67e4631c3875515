package dev.kefu.eval.run;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.metrics.RetrievalMetrics;
import dev.kefu.eval.report.Report;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.index.EntryVectors;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.search.RetrievalThresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval kb --kb ENTRIES --queries F --out R}: imports a knowledge file into a fresh
 * index and measures retrieval on queries labelled with the answering entry id or {@code none},
 * through the same normalisation and language detection the server uses.
 */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        description = "Imports a knowledge file into a fresh index and measures retrieval on labelled queries.")
public final class KbCommand implements Callable<Integer> {
    private static final int TOP_K = 5;

    @Option(names = "--kb", required = true, description = "Knowledge entries, JSON Lines.")
    Path kbFile;

    @Option(
            names = "--queries",
            required = true,
            description = "Queries, JSON Lines {\"text\", \"label\"}; label = entry id or none.")
    Path queriesFile;

    @Mixin
    ReportFile out;

    @Option(
            names = "--min-score",
            description = "Retrieval threshold (default: the server's default, ${DEFAULT-VALUE}).")
    double minScore = KnowledgeBase.DEFAULT_MIN_SCORE;

    @Option(
            names = "--min-similarity",
            description =
                    "Cosine similarity at which an entry answers by meaning (default: the server's, ${DEFAULT-VALUE}).")
    double minSimilarity = ConfigLoader.defaults().knowledge().minSimilarity();

    @Option(
            names = "--min-similarity-zh",
            description = "The same for Chinese and mixed queries (default: the server's, ${DEFAULT-VALUE}).")
    double minSimilarityZh = ConfigLoader.defaults().knowledge().minSimilarityZh();

    @Option(
            names = "--lexical-weight",
            description = "Weight of the lexical ranking in the fusion (default: the server's, ${DEFAULT-VALUE}).")
    double lexicalWeight = ConfigLoader.defaults().knowledge().lexicalWeight();

    @Option(names = "--lexical-only", description = "Lexical retrieval only (BM25), no embeddings.")
    boolean lexicalOnly;

    @Override
    public Integer call() throws Exception {
        List<KnowledgeEntry> entries = KnowledgeBase.load(kbFile);
        List<TrainingExample> queries = new TrainingDataReader().read(queriesFile);
        LanguageDetector detector = new ScriptLanguageDetector();
        TextNormalizer normalizer = new KefuNormalizer();

        RetrievalMetrics metrics = new RetrievalMetrics();
        double indexSeconds;
        Latencies latencies = new Latencies();
        List<String> misses = new ArrayList<>();
        Path indexDir = Files.createTempDirectory("kefu-eval-kb");
        long indexStart = System.nanoTime();
        try (Encoders encoders = Encoders.forThisMachine();
                IndexingPool indexing = new IndexingPool(ConfigLoader.defaults().threads());
                KnowledgeBase knowledge = KnowledgeBase.open(
                        indexDir,
                        entries,
                        lexicalOnly ? null : new EncoderTextEmbedder(encoders),
                        new RetrievalThresholds(
                                minScore,
                                minSimilarity,
                                minSimilarityZh,
                                ConfigLoader.defaults().knowledge().confidentSimilarity(),
                                ConfigLoader.defaults().knowledge().confidentSimilarityZh()),
                        lexicalWeight,
                        indexing.threads(),
                        EntryVectors.inMemory());
                Progress progress = new Progress("kb", queries.size())) {
            indexSeconds = (System.nanoTime() - indexStart) / 1e9;
            KnowledgeRetriever retriever = knowledge.retriever();
            // Warm up (JIT, ONNX Runtime) as a serving server is warm, with the entries' own example
            // questions rephrased, not the test queries (the encoder caches recent texts).
            entries.stream()
                    .flatMap(entry -> entry.questions().stream())
                    .limit(TrainTestOptions.WARM_UP)
                    .forEach(question -> retriever.retrieve(new KnowledgeQuery(
                            normalizer.normalize("so " + question + " ?"), Language.EN, "unknown", List.of(), TOP_K)));
            for (TrainingExample query : queries) {
                long start = System.nanoTime();
                Language language = detector.detect(query.text()).replyLanguage();
                List<String> ids = retriever
                        .retrieve(new KnowledgeQuery(
                                normalizer.normalize(query.text()), language, "unknown", List.of(), TOP_K))
                        .stream()
                        .map(Passage::entryId)
                        .toList();
                latencies.add(System.nanoTime() - start);
                metrics.add(query.label(), ids);
                String first = ids.isEmpty() ? RetrievalMetrics.NONE : ids.get(0);
                if (!first.equals(query.label()) && misses.size() < 20) {
                    misses.add("| " + query.text().replace("|", "\\|") + " | " + query.label() + " | " + first + " |");
                }
                progress.step();
            }
        } finally {
            deleteRecursively(indexDir);
        }

        Report report = new Report("Knowledge retrieval: " + kbFile.getFileName())
                .put("recall_at_1", metrics.recallAt1())
                .put("recall_at_5", metrics.recallAt5())
                .put("mrr", metrics.mrr())
                .put("no_answer_precision", metrics.noAnswerPrecision())
                .put("no_answer_recall", metrics.noAnswerRecall())
                .put("n_test", queries.size())
                .put("query_ms_p50", latencies.percentileMs(50))
                .put("query_ms_p99", latencies.percentileMs(99))
                .put("n_entries", entries.size())
                .put("n_answerable", metrics.answerable())
                .put("n_none", metrics.noneQueries())
                .put("min_score", minScore)
                .put("semantic", !lexicalOnly)
                .put("min_similarity", minSimilarity)
                .put("min_similarity_zh", minSimilarityZh)
                .put("lexical_weight", lexicalWeight)
                .put("index_seconds", indexSeconds)
                .section(
                        "First misses (top-1)",
                        "| query | expected | got |\n|---|---|---|\n" + String.join("\n", misses));
        out.write(
                report,
                "recall@1 %.4f, recall@5 %.4f, MRR %.4f",
                metrics.recallAt1(),
                metrics.recallAt5(),
                metrics.mrr());
        return 0;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
