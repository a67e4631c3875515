package dev.kefu.kb.index;

import java.io.Reader;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The one analyzer of the knowledge index, used both to index and to query, for Chinese, English
 * and mixed text.
 *
 * <p>Fields are routed by name (see {@link KbFields}):
 *
 * <ul>
 *   <li><b>word</b> fields: full-width to half-width, smartcn's HMM word segmentation (which also
 *       splits English words), lowercase, stop words ({@link #STOP_WORDS}), Porter stemming. So
 *       "Deliveries" and "delivery" meet, and 退货政策 becomes 退货 + 政策.
 *   <li><b>bigram</b> fields ({@code *_bigram}): full-width to half-width, the standard tokenizer,
 *       lowercase, overlapping CJK bigrams, the same stop words (plus Chinese function bigrams);
 *       only CJK tokens and model numbers are kept. This catches Chinese words smartcn cuts into
 *       single characters, and keeps model numbers such as {@code x200} whole where smartcn
 *       splits letters from digits; plain English words are left to the word fields.
 * </ul>
 *
 * <p>Stop words matter here beyond index size: question words ("how", "what", 怎么, 什么) occur in
 * almost every example question, and letting them score would lift out-of-scope questions over the
 * retriever's threshold. Thread-safe, like every Lucene analyzer; create one and share it.
 */
public final class KefuAnalyzer extends DelegatingAnalyzerWrapper {
    /**
     * English stop words (Lucene's list plus pronouns, auxiliaries and question words), smartcn's
     * punctuation list, and Chinese function words and question words.
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private final Analyzer word = new WordAnalyzer();
    private final Analyzer bigram = new BigramAnalyzer();

    public KefuAnalyzer() {
        super(PER_FIELD_REUSE_STRATEGY);
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        return KbFields.isBigram(fieldName) ? bigram : word;
    }

    @Override
    public void close() {
        word.close();
        bigram.close();
        super.close();
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(256, true);
        set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        set.addAll(SmartChineseAnalyzer.getDefaultStopSet());
        // English pronouns, auxiliaries, question and filler words
        set.addAll(words("i me my mine you your yours we us our he him his she her its them what whats how when"
                + " where which who whom why do does did done doing can could would should shall may might must"
                + " am been being have has had having from about so than too very just any some all please hi"
                + " hello hey thanks thank s t d ll m re ve don didn doesn isn im want like need know tell get got"
                + " also more most up out over there here now again"));
        // Chinese particles, pronouns, question and filler words
        set.addAll(words("的 了 吗 呢 吧 啊 呀 么 嘛 是 在 我 你 您 他 她 它 我们 你们 他们 请 请问 问 一下 什么 怎么 怎么样"
                + " 怎样 如何 哪 哪些 哪个 哪里 为什么 有 没有 和 与 或 就 都 也 还 要 想 能 能不能 可以 可不可以 会"
                + " 这 那 这个 那个 个 是不是 有没有 一个 谢谢 你好 好 是否 给 让 把 被"));
        // Chinese bigrams of function characters, for the bigram fields
        set.addAll(words("是什 么样 么时 我的 我想 请问 可以 能否 一下 你们 怎么 什么 是不 不是 有没 没有"));
        return CharArraySet.unmodifiableSet(set);
    }

    private static List<String> words(String spaceSeparated) {
        return List.of(spaceSeparated.split(" "));
    }

    /**
     * Folds full-width forms to half-width before tokenising, and for query normalisation, so
     * "ＸＢ２００" and "xb200" meet in the index.
     */
    private abstract static class WidthFoldingAnalyzer extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }

    /** smartcn segmentation for whole words in Chinese and stemmed words in English. */
    private static final class WordAnalyzer extends WidthFoldingAnalyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new HMMChineseTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    /**
     * Keeps CJK bigrams and unigrams, and model numbers (tokens mixing letters and digits, such as
     * {@code x200}); drops plain English words and numbers, which the word fields already score
     * (stemmed), so they do not count twice.
     */
    private static final class CjkOrModelNumberFilter extends FilteringTokenFilter {
        private final TypeAttribute type = addAttribute(TypeAttribute.class);
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        CjkOrModelNumberFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            String tokenType = type.type();
            if (CJKBigramFilter.DOUBLE_TYPE.equals(tokenType) || CJKBigramFilter.SINGLE_TYPE.equals(tokenType)) {
                return true;
            }
            boolean letter = false;
            boolean digit = false;
            for (int i = 0; i < term.length(); i++) {
                char c = term.charAt(i);
                letter |= Character.isLetter(c);
                digit |= Character.isDigit(c);
            }
            return letter && digit;
        }
    }

    /** Overlapping CJK bigrams, plus model numbers. */
    private static final class BigramAnalyzer extends WidthFoldingAnalyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new CJKBigramFilter(stream);
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new CjkOrModelNumberFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
