package dev.kefu.kb.curation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Unanswered questions that mean about the same thing, for a trainer to answer once.
 *
 * @param id stable while the group's oldest question is open: {@code g} + that question's id
 * @param count how many times it was asked
 * @param examples distinct wordings, most recent first (at most {@value UnansweredInbox#EXAMPLES})
 * @param reasons count per {@link UnansweredQuestion.Reason#code()}
 * @param triedEntries the entries answers marked "didn't help" were built from
 * @param firstAt the oldest question's time
 * @param lastAt the newest question's time
 * @param questionIds every question in the group
 */
public record QuestionGroup(
        String id,
        int count,
        List<String> examples,
        Map<String, Integer> reasons,
        List<String> triedEntries,
        Instant firstAt,
        Instant lastAt,
        List<Long> questionIds) {}
