package dev.kefu.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code trainer.*}: who may curate the knowledge, and the unanswered-questions inbox.
 *
 * @param tokens {@code name:token} pairs; each trainer's bearer token for the curation API and
 *     console ({@code KEFU_TRAINER_TOKENS=alice:s3cret,bob:t0ken}); empty gives the demo a
 *     generated token, kept in the data directory
 * @param inboxCapacity most open unanswered questions kept
 * @param inboxSimilarity share (cosine similarity of embeddings, or of shared words without
 *     them) at which unanswered questions are grouped together
 */
public record TrainerConfig(List<String> tokens, int inboxCapacity, double inboxSimilarity) {
    /** Trainer and agent names: short, printable, safe in logs and revision records. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$");

    public TrainerConfig {
        tokens = Settings.list(tokens);
    }

    void validate(List<String> errors) {
        validateTokens("trainer.tokens", tokens, errors);
        Settings.range(errors, "trainer.inboxCapacity", inboxCapacity, 1, 1_000_000);
        if (!(inboxSimilarity > 0 && inboxSimilarity <= 1)) {
            errors.add("trainer.inboxSimilarity must be in (0, 1], was " + inboxSimilarity);
        }
    }

    /** Checks a list of {@code name:token} pairs: well-formed, names and tokens unique. */
    static void validateTokens(String setting, List<String> pairs, List<String> errors) {
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            String pair = pairs.get(i);
            int colon = pair == null ? -1 : pair.indexOf(':');
            if (colon < 0) {
                errors.add(setting + "[" + i + "] must be name:token");
                continue;
            }
            String name = pair.substring(0, colon);
            String token = pair.substring(colon + 1);
            if (!NAME.matcher(name).matches()) {
                errors.add(setting + "[" + i + "] name must match " + NAME.pattern() + ", was \"" + name + "\"");
            }
            if (token.length() < 8 || token.chars().anyMatch(Character::isWhitespace)) {
                errors.add(
                        setting + "[" + i + "] (" + name + "): the token must be at least 8 characters without spaces");
            }
            if (!names.add(name)) {
                errors.add(setting + ": the name \"" + name + "\" repeats");
            }
            if (!secrets.add(token)) {
                errors.add(setting + ": two entries share one token");
            }
        }
    }
}
