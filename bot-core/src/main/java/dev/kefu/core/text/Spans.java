package dev.kefu.core.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/** Choosing among readings of a text that overlap. */
public final class Spans {
    private Spans() {}

    /**
     * The candidates that do not overlap, longer spans first; of two of the same length the one
     * earlier in {@code candidates} wins, so list them in priority order. The result is ordered by
     * start.
     */
    public static <T> List<T> longestFirst(List<T> candidates, ToIntFunction<T> start, ToIntFunction<T> end) {
        List<T> byLength = new ArrayList<>(candidates);
        byLength.sort(Comparator.comparingInt(c -> start.applyAsInt(c) - end.applyAsInt(c)));
        List<T> chosen = new ArrayList<>();
        for (T candidate : byLength) {
            int s = start.applyAsInt(candidate);
            int e = end.applyAsInt(candidate);
            if (chosen.stream().noneMatch(c -> s < end.applyAsInt(c) && start.applyAsInt(c) < e)) {
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(start));
        return List.copyOf(chosen);
    }

    /** Whether {@code [start, end)} overlaps a span already in {@code taken}. */
    static boolean overlaps(List<? extends TextSpan> taken, int start, int end) {
        for (TextSpan span : taken) {
            if (start < span.end() && span.start() < end) {
                return true;
            }
        }
        return false;
    }
}
