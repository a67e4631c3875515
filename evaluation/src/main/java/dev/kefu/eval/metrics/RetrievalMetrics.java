package dev.kefu.eval.metrics;

import java.util.List;

/**
 * Retrieval quality over labelled queries, as defined in the contracts document: a query's label
 * is the id of the entry that answers it, or {@link #NONE} when nothing should be returned.
 */
public final class RetrievalMetrics {
    public static final String NONE = "none";

    private int answerable;
    private int hitsAt1;
    private int hitsAt5;
    private double reciprocalRanks;
    private int noneQueries;
    private int noneAnsweredWithNothing;
    private int answeredWithNothing;

    /** Records one query: its label and the entry ids returned, best first. */
    public void add(String label, List<String> returnedIds) {
        if (returnedIds.isEmpty()) {
            answeredWithNothing++;
        }
        if (NONE.equals(label)) {
            noneQueries++;
            if (returnedIds.isEmpty()) {
                noneAnsweredWithNothing++;
            }
            return;
        }
        answerable++;
        int rank = returnedIds.indexOf(label) + 1;
        if (rank == 1) {
            hitsAt1++;
        }
        if (rank >= 1 && rank <= 5) {
            hitsAt5++;
        }
        if (rank >= 1) {
            reciprocalRanks += 1.0 / rank;
        }
    }

    public int answerable() {
        return answerable;
    }

    public int noneQueries() {
        return noneQueries;
    }

    /** Share of answerable queries whose first returned entry is the right one. */
    public double recallAt1() {
        return ratio(hitsAt1, answerable);
    }

    public double recallAt5() {
        return ratio(hitsAt5, answerable);
    }

    /** Mean reciprocal rank over answerable queries (0 for a query whose entry was not returned). */
    public double mrr() {
        return answerable == 0 ? Double.NaN : reciprocalRanks / answerable;
    }

    /** Share of {@code none} queries answered with nothing. */
    public double noAnswerRecall() {
        return ratio(noneAnsweredWithNothing, noneQueries);
    }

    /** Share of queries answered with nothing that were {@code none}. */
    public double noAnswerPrecision() {
        return ratio(noneAnsweredWithNothing, answeredWithNothing);
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
