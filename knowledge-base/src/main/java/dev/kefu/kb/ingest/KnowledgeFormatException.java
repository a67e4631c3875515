package dev.kefu.kb.ingest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A knowledge file broke the format. Carries every problem found, each with its line, so an editor
 * fixes the whole file in one pass instead of one error per run.
 */
public final class KnowledgeFormatException extends RuntimeException {
    private static final int MAX_PROBLEMS_IN_MESSAGE = 20;

    private final String source;
    private final List<Problem> problems;

    /**
     * One problem on one line.
     *
     * @param lineNumber the 1-based physical line number in the file (blank lines count)
     * @param message what is wrong, naming the field and the bad value
     */
    public record Problem(int lineNumber, String message) {
        @Override
        public String toString() {
            return "line " + lineNumber + ": " + message;
        }
    }

    KnowledgeFormatException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file or resource that was read. */
    public String source() {
        return source;
    }

    /** All problems, in line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String source, List<Problem> problems) {
        String shown = problems.stream()
                .limit(MAX_PROBLEMS_IN_MESSAGE)
                .map(Problem::toString)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        String more = problems.size() > MAX_PROBLEMS_IN_MESSAGE
                ? "\n  ... and " + (problems.size() - MAX_PROBLEMS_IN_MESSAGE) + " more"
                : "";
        return problems.size() + " problem(s) in " + source + ", nothing was loaded:" + shown + more;
    }
}
