package dev.kefu.core.outreach;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.Coded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code outreach:} section of the script library: the rules under which Kefu speaks first,
 * validated with the library (every problem listed, with the rule it is in). Its own class, so the
 * script library only hooks the section in.
 *
 * <pre>
 * outreach:
 *   rules:
 *     - id: cart-reminder
 *       trigger: cart_abandoned     # product_page | cart_abandoned | delivered | tag
 *       afterSeconds: 1800          # product_page, cart_abandoned (default proactive.cartAbandonment.afterSeconds)
 *       afterDays: 3                # delivered
 *       tag: silent_30d             # tag
 *       quietHours: false           # true: only in the store's quiet hours
 *       experiment: outreach-cart   # default outreach-{id}
 *       holdout: 10                 # percent of eligible shoppers who get nothing, as scripts' holdout weight
 *       channels: [widget, webhook]
 *       lines: {en: "...", zh: "..."}
 * </pre>
 */
public final class OutreachRules {
    /** The placeholders an outreach line may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("product.name");

    public static final int MAX_LINE_CHARS = 500;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z._]+)}");
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final OutreachRules NONE = new OutreachRules(List.of());

    private final List<OutreachRule> rules;

    private OutreachRules(List<OutreachRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No outreach. */
    public static OutreachRules none() {
        return NONE;
    }

    public List<OutreachRule> rules() {
        return rules;
    }

    public Optional<OutreachRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * The rules of the section; each problem is added to {@code problems} as {@code
     * outreach.rules[i] (id): ...}.
     *
     * @param section the {@code outreach:} node, or {@code null} when the library has none
     * @param experimentsTaken experiment ids the scripts use (an outreach rule must not share one)
     */
    public static OutreachRules parse(JsonNode section, Set<String> experimentsTaken, List<String> problems) {
        if (section == null || section.isNull()) {
            return NONE;
        }
        SectionDto dto;
        try {
            dto = JSON.treeToValue(section, SectionDto.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add("outreach: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return NONE;
        }
        List<OutreachRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> experiments = new HashSet<>(experimentsTaken);
        List<RuleDto> given = dto == null || dto.rules == null ? List.of() : dto.rules;
        for (int i = 0; i < given.size(); i++) {
            RuleDto rule = given.get(i);
            if (rule == null) {
                problems.add("outreach.rules[" + i + "]: is empty");
                continue;
            }
            String where = "outreach.rules[" + i + "]" + (rule.id == null ? "" : " (" + rule.id + ")");
            List<String> own = new ArrayList<>();
            OutreachRule made = rule(rule, where, own);
            if (rule.id != null && !ids.add(rule.id)) {
                own.add(where + ": the id repeats");
            }
            if (made != null && !experiments.add(made.experiment())) {
                own.add(where + ": experiment " + made.experiment() + " is used by another script or rule");
            }
            problems.addAll(own);
            if (own.isEmpty()) {
                rules.add(made);
            }
        }
        return new OutreachRules(rules);
    }

    private static OutreachRule rule(RuleDto dto, String where, List<String> problems) {
        int before = problems.size();
        if (dto.id == null || !ID.matcher(dto.id).matches()) {
            problems.add(where + ": id must match " + ID.pattern());
        }
        Trigger trigger = dto.trigger == null
                ? null
                : Coded.find(Trigger.values(), dto.trigger).orElse(null);
        if (trigger == null) {
            problems.add(where + ": trigger must be one of " + codes(Trigger.values()) + ", was " + dto.trigger);
        }
        Duration after = null;
        if (trigger == Trigger.PRODUCT_PAGE || trigger == Trigger.CART_ABANDONED) {
            if (dto.afterSeconds != null) {
                if (dto.afterSeconds < 1 || dto.afterSeconds > 30 * 86_400) {
                    problems.add(where + ": afterSeconds must be 1.." + 30 * 86_400);
                } else {
                    after = Duration.ofSeconds(dto.afterSeconds);
                }
            } else if (trigger == Trigger.PRODUCT_PAGE) {
                problems.add(where + ": a product_page rule needs afterSeconds (time on the page)");
            }
        } else if (dto.afterSeconds != null) {
            problems.add(where + ": afterSeconds is for product_page and cart_abandoned rules");
        }
        if (trigger == Trigger.DELIVERED) {
            if (dto.afterDays == null || dto.afterDays < 0 || dto.afterDays > 365) {
                problems.add(where + ": a delivered rule needs afterDays 0..365");
            } else {
                after = Duration.ofDays(dto.afterDays);
            }
        } else if (dto.afterDays != null) {
            problems.add(where + ": afterDays is for delivered rules");
        }
        if (trigger == Trigger.TAG) {
            if (dto.tag == null || !TAG.matcher(dto.tag).matches()) {
                problems.add(where + ": a tag rule needs tag, lowercase [a-z0-9_.:-], was " + dto.tag);
            }
        } else if (dto.tag != null) {
            problems.add(where + ": tag is for tag rules");
        }
        String experiment = dto.experiment != null ? dto.experiment : "outreach-" + dto.id;
        if (!ID.matcher(experiment).matches()) {
            problems.add(where + ": experiment must match " + ID.pattern());
        }
        if (!(dto.holdout >= 0 && dto.holdout < 100)) {
            problems.add(where + ": holdout must be a percentage in [0, 100), was " + dto.holdout);
        }
        List<Channel> channels = new ArrayList<>();
        for (String code : dto.channels == null ? List.of("widget") : dto.channels) {
            Optional<Channel> channel = code == null ? Optional.empty() : Coded.find(Channel.values(), code);
            if (channel.isEmpty() || channels.contains(channel.get())) {
                problems.add(where + ": channels must list " + codes(Channel.values()) + " once each, had " + code);
            } else {
                channels.add(channel.get());
            }
        }
        if (channels.isEmpty() && dto.channels != null) {
            problems.add(where + ": channels must not be empty");
        }
        Map<String, String> lines = dto.lines == null ? Map.of() : dto.lines;
        if (lines.isEmpty()) {
            problems.add(where + ": lines needs an en or zh line");
        }
        for (Map.Entry<String, String> line : lines.entrySet()) {
            checkLine(where + ": lines." + line.getKey(), line.getKey(), line.getValue(), trigger, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new OutreachRule(
                dto.id, trigger, after, dto.tag, dto.quietHours, experiment, dto.holdout / 100, lines, channels);
    }

    private static void checkLine(String at, String language, String text, Trigger trigger, List<String> problems) {
        if (!language.equals("en") && !language.equals("zh")) {
            problems.add(at + ": only en and zh lines are supported");
        }
        if (text == null || text.isBlank() || text.length() > MAX_LINE_CHARS) {
            problems.add(at + ": must be 1.." + MAX_LINE_CHARS + " characters");
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                problems.add(at + ": unknown placeholder " + m.group(0) + " (known: " + PLACEHOLDERS + ")");
            } else if (trigger == Trigger.TAG) {
                problems.add(at + ": a tag rule has no product for " + m.group(0));
            }
        }
    }

    private static List<String> codes(Coded[] values) {
        List<String> codes = new ArrayList<>();
        for (Coded value : values) {
            codes.add(value.code());
        }
        return codes;
    }

    private static final class SectionDto {
        @JsonProperty
        List<RuleDto> rules;
    }

    private static final class RuleDto {
        @JsonProperty
        String id;

        @JsonProperty
        String trigger;

        @JsonProperty
        Integer afterSeconds;

        @JsonProperty
        Integer afterDays;

        @JsonProperty
        String tag;

        @JsonProperty
        boolean quietHours;

        @JsonProperty
        String experiment;

        @JsonProperty
        double holdout = 10; // percent, as in scripts (where it is the holdout arm's weight out of 100)

        @JsonProperty
        List<String> channels;

        @JsonProperty
        Map<String, String> lines;
    }
}
