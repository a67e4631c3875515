package dev.kefu.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.QueueConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoffQueueTest {
    private static final Instant NOW = Instant.parse("2026-11-11T08:00:00Z");
    private static final HandoffTrigger TRIGGER =
            new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of("phrase", "转人工"));
    private static final ShopperContext ANONYMOUS = ShopperContext.anonymous();
    private static final ShopperContext GOLD = new ShopperContext("s-gold", Set.of("vip_gold"));

    private final QueueConfig defaults = ConfigLoader.defaults().queue();
    private final HandoffQueue queue = new HandoffQueue(defaults);

    @Test
    void should_give_vip_priority_when_shopper_has_a_vip_tag_whatever_the_urgency() {
        assertThat(queue.priorityOf(GOLD, 0.0)).isEqualTo(Priority.VIP);
        assertThat(queue.priorityOf(GOLD, 1.0)).isEqualTo(Priority.VIP);
        assertThat(queue.priorityOf(new ShopperContext("s-2", Set.of("mother_baby", "vip_platinum")), 0.2))
                .isEqualTo(Priority.VIP);
    }

    @Test
    void should_give_urgent_priority_when_urgency_reaches_urgent_above() {
        assertThat(queue.priorityOf(ANONYMOUS, defaults.urgentAbove())).isEqualTo(Priority.URGENT);
        assertThat(queue.priorityOf(ANONYMOUS, 0.9)).isEqualTo(Priority.URGENT);
    }

    @Test
    void should_give_normal_priority_when_not_vip_and_urgency_below_urgent_above() {
        assertThat(queue.priorityOf(ANONYMOUS, 0.0)).isEqualTo(Priority.NORMAL);
        assertThat(queue.priorityOf(ANONYMOUS, defaults.urgentAbove() - 0.01)).isEqualTo(Priority.NORMAL);
        assertThat(queue.priorityOf(new ShopperContext("s-3", Set.of("vip", "mother_baby")), 0.1))
                .isEqualTo(Priority.NORMAL);
    }

    @Test
    void should_use_configured_vip_tags_and_urgency_when_config_changes() {
        HandoffQueue custom = new HandoffQueue(config(List.of("member_plus"), 0.8, 3, 7, 11, List.of()));

        assertThat(custom.priorityOf(new ShopperContext("s-4", Set.of("member_plus")), 0.0))
                .isEqualTo(Priority.VIP);
        assertThat(custom.priorityOf(GOLD, 0.0)).isEqualTo(Priority.NORMAL);
        assertThat(custom.priorityOf(ANONYMOUS, 0.7)).isEqualTo(Priority.NORMAL);
        assertThat(custom.priorityOf(ANONYMOUS, 0.8)).isEqualTo(Priority.URGENT);
    }

    @Test
    void should_take_each_priority_target_from_config_when_asked() {
        HandoffQueue custom = new HandoffQueue(config(List.of("vip_gold"), 0.5, 3, 7, 11, List.of()));

        assertThat(custom.target(Priority.VIP)).isEqualTo(Duration.ofMinutes(3));
        assertThat(custom.target(Priority.URGENT)).isEqualTo(Duration.ofMinutes(7));
        assertThat(custom.target(Priority.NORMAL)).isEqualTo(Duration.ofMinutes(11));
        assertThat(queue.target(Priority.VIP)).isEqualTo(Duration.ofMinutes(defaults.vipTargetMinutes()));
        assertThat(queue.target(Priority.URGENT)).isEqualTo(Duration.ofMinutes(defaults.urgentTargetMinutes()));
        assertThat(queue.target(Priority.NORMAL)).isEqualTo(Duration.ofMinutes(defaults.normalTargetMinutes()));
    }

    @Test
    void should_make_ticket_due_at_now_plus_priority_target_when_queued() {
        HandoffQueue custom = new HandoffQueue(config(List.of("vip_gold"), 0.5, 3, 7, 11, List.of()));

        HandoffTicket vip = custom.ticket(TRIGGER, GOLD, 0.0, Language.ZH, NOW);
        HandoffTicket urgent = custom.ticket(TRIGGER, ANONYMOUS, 0.9, Language.EN, NOW);
        HandoffTicket normal = custom.ticket(TRIGGER, ANONYMOUS, 0.1, Language.EN, NOW);

        assertThat(vip.priority()).isEqualTo(Priority.VIP);
        assertThat(vip.dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        assertThat(urgent.priority()).isEqualTo(Priority.URGENT);
        assertThat(urgent.dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(7)));
        assertThat(normal.priority()).isEqualTo(Priority.NORMAL);
        assertThat(normal.dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(11)));
    }

    @Test
    void should_record_trigger_language_and_queue_time_without_agent_when_ticket_is_made() {
        HandoffTicket ticket = queue.ticket(TRIGGER, ANONYMOUS, 0.0, Language.EN, NOW);

        assertThat(ticket.trigger()).isEqualTo(TRIGGER);
        assertThat(ticket.language()).isEqualTo(Language.EN);
        assertThat(ticket.queuedAt()).isEqualTo(NOW);
        assertThat(ticket.overdueCount()).isZero();
        assertThat(ticket.agent()).isNull();
        assertThat(ticket.claimedAt()).isNull();
    }

    @Test
    void should_tell_the_expected_wait_in_english_when_ticket_language_is_english() {
        HandoffTicket vip = queue.ticket(TRIGGER, GOLD, 0.0, Language.EN, NOW);
        HandoffTicket normal = queue.ticket(TRIGGER, ANONYMOUS, 0.0, Language.EN, NOW);

        assertThat(queue.notice(vip, false))
                .isEqualTo(ReplyTexts.HANDOFF.format(Language.EN, 5))
                .contains("about 5 minutes");
        assertThat(queue.notice(normal, false)).contains("about 15 minutes");
    }

    @Test
    void should_tell_the_expected_wait_in_chinese_when_ticket_language_is_chinese() {
        HandoffTicket vip = queue.ticket(TRIGGER, GOLD, 0.0, Language.ZH, NOW);
        HandoffTicket urgent = queue.ticket(TRIGGER, ANONYMOUS, 0.9, Language.ZH, NOW);

        assertThat(queue.notice(vip, false)).contains("预计5分钟").doesNotContain("minutes");
        assertThat(queue.notice(urgent, false)).contains("预计10分钟");
    }

    @Test
    void should_apologise_for_the_failure_when_notice_is_for_a_bot_failure() {
        HandoffTicket ticket = queue.ticket(TRIGGER, ANONYMOUS, 0.0, Language.EN, NOW);
        HandoffTicket chinese = queue.ticket(TRIGGER, ANONYMOUS, 0.0, Language.ZH, NOW);

        String failure = queue.notice(ticket, true);

        assertThat(failure)
                .isNotEqualTo(queue.notice(ticket, false))
                .isEqualTo(ReplyTexts.BOT_FAILURE.format(Language.EN, 15))
                .contains("something went wrong")
                .contains("about 15 minutes");
        assertThat(queue.notice(chinese, true))
                .isNotEqualTo(queue.notice(chinese, false))
                .contains("系统出了点问题")
                .contains("15分钟");
    }

    @Test
    void should_order_vip_then_urgent_then_normal_then_oldest_first_when_sorted() {
        Conversation normalNew = queued("a-normal-new", ANONYMOUS, 0.0, NOW.minusSeconds(60));
        Conversation normalOld = queued("z-normal-old", ANONYMOUS, 0.0, NOW.minusSeconds(600));
        Conversation urgent = queued("b-urgent", ANONYMOUS, 0.9, NOW.minusSeconds(30));
        Conversation vipNew = queued("c-vip-new", GOLD, 0.0, NOW.minusSeconds(10));
        Conversation vipOld = queued("y-vip-old", GOLD, 0.0, NOW.minusSeconds(20));
        List<Conversation> waiting = new ArrayList<>(List.of(normalNew, urgent, normalOld, vipNew, vipOld));

        waiting.sort(HandoffQueue.ORDER);

        assertThat(waiting)
                .extracting(Conversation::id)
                .containsExactly("y-vip-old", "c-vip-new", "b-urgent", "z-normal-old", "a-normal-new");
    }

    @Test
    void should_find_nothing_overdue_when_due_time_not_reached() {
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW);
        Instant due = waiting.ticket().dueAt();

        assertThat(queue.overdue(waiting, due.minusMillis(1))).isEmpty();
        assertThat(queue.overdue(waiting, NOW)).isEmpty();
    }

    @Test
    void should_find_nothing_overdue_when_conversation_is_not_queued() {
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW);
        Instant late = waiting.ticket().dueAt().plus(Duration.ofHours(1));
        Conversation claimed = waiting.withState(
                ConversationState.AGENT, waiting.ticket().claimedBy("li.na", NOW.plusSeconds(5)), NOW);
        Conversation backWithBot = claimed.withState(ConversationState.BOT);
        Conversation closed = waiting.withState(ConversationState.CLOSED);

        assertThat(queue.overdue(claimed, late)).isEmpty();
        assertThat(queue.overdue(backWithBot, late)).isEmpty();
        assertThat(queue.overdue(closed, late)).isEmpty();
    }

    @Test
    void should_raise_priority_and_set_new_due_time_when_due_time_is_reached() {
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW);
        Instant due = waiting.ticket().dueAt();

        HandoffQueue.Overdue overdue = queue.overdue(waiting, due).orElseThrow();

        assertThat(overdue.ticket().priority()).isEqualTo(Priority.URGENT);
        assertThat(overdue.ticket().overdueCount()).isEqualTo(1);
        assertThat(overdue.ticket().dueAt()).isEqualTo(due.plus(Duration.ofMinutes(defaults.urgentTargetMinutes())));
        assertThat(overdue.ticket().queuedAt()).isEqualTo(NOW);
        assertThat(overdue.ticket().trigger()).isEqualTo(TRIGGER);
        assertThat(overdue.ticket().agent()).isNull();
    }

    @Test
    void should_tell_new_wait_and_offer_a_message_in_ticket_language_when_overdue() {
        Conversation english = queued("c-en", ANONYMOUS, 0.0, NOW, Language.EN);
        Conversation chinese = queued("c-zh", ANONYMOUS, 0.0, NOW, Language.ZH);
        Instant late = NOW.plus(Duration.ofMinutes(20));

        HandoffQueue.Overdue inEnglish = queue.overdue(english, late).orElseThrow();
        HandoffQueue.Overdue inChinese = queue.overdue(chinese, late).orElseThrow();

        assertThat(inEnglish.notices())
                .containsExactly(
                        ReplyTexts.QUEUE_OVERDUE.format(Language.EN, 10),
                        ReplyTexts.QUEUE_OFFER_MESSAGE.in(Language.EN));
        assertThat(inEnglish.notices().get(0)).contains("about 10 minutes");
        assertThat(inChinese.notices())
                .containsExactly(
                        ReplyTexts.QUEUE_OVERDUE.format(Language.ZH, 10),
                        ReplyTexts.QUEUE_OFFER_MESSAGE.in(Language.ZH));
        assertThat(inChinese.notices().get(0)).contains("10分钟");
        assertThat(inEnglish.ticket().dueAt()).isEqualTo(late.plus(Duration.ofMinutes(10)));
    }

    @Test
    void should_record_actions_wait_and_priorities_when_overdue() {
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW);

        HandoffQueue.Overdue overdue =
                queue.overdue(waiting, NOW.plus(Duration.ofMinutes(16))).orElseThrow();

        assertThat(overdue.event())
                .isEqualTo(new ConversationEvent.WentOverdue(
                        "c-1",
                        NOW.plus(Duration.ofMinutes(16)),
                        List.of("notify", "offer_message", "raise_priority"),
                        960,
                        Priority.NORMAL,
                        Priority.URGENT));
    }

    @Test
    void should_count_each_time_and_stop_raising_at_vip_when_overdue_again() {
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW);
        Instant first = waiting.ticket().dueAt();
        HandoffTicket once = queue.overdue(waiting, first).orElseThrow().ticket();
        Conversation again = waiting.withState(ConversationState.QUEUED, once, first);
        HandoffTicket twice = queue.overdue(again, once.dueAt()).orElseThrow().ticket();
        Conversation thrice = again.withState(ConversationState.QUEUED, twice, once.dueAt());
        HandoffTicket third = queue.overdue(thrice, twice.dueAt()).orElseThrow().ticket();

        assertThat(List.of(once, twice, third))
                .extracting(HandoffTicket::priority, HandoffTicket::overdueCount)
                .containsExactly(tuple(Priority.URGENT, 1), tuple(Priority.VIP, 2), tuple(Priority.VIP, 3));
        assertThat(third.dueAt()).isEqualTo(twice.dueAt().plus(Duration.ofMinutes(defaults.vipTargetMinutes())));
    }

    @Test
    void should_keep_priority_and_tell_nothing_when_no_overdue_actions_are_configured() {
        HandoffQueue quiet = new HandoffQueue(config(List.of("vip_gold"), 0.5, 5, 10, 15, List.of()));
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW);
        Instant late = NOW.plus(Duration.ofMinutes(15));

        HandoffQueue.Overdue overdue = quiet.overdue(waiting, late).orElseThrow();

        assertThat(overdue.notices()).isEmpty();
        assertThat(overdue.ticket().priority()).isEqualTo(Priority.NORMAL);
        assertThat(overdue.ticket().overdueCount()).isEqualTo(1);
        assertThat(overdue.ticket().dueAt()).isEqualTo(late.plus(Duration.ofMinutes(15)));
        assertThat(overdue.event().newPriority()).isEqualTo(Priority.NORMAL);
        assertThat(overdue.event().actions()).isEmpty();
    }

    @Test
    void should_tell_the_unchanged_wait_when_only_notify_is_configured() {
        HandoffQueue notifyOnly = new HandoffQueue(config(List.of("vip_gold"), 0.5, 5, 10, 15, List.of("notify")));
        Conversation waiting = queued("c-1", ANONYMOUS, 0.0, NOW, Language.EN);

        HandoffQueue.Overdue overdue =
                notifyOnly.overdue(waiting, NOW.plus(Duration.ofMinutes(15))).orElseThrow();

        assertThat(overdue.notices()).containsExactly(ReplyTexts.QUEUE_OVERDUE.format(Language.EN, 15));
        assertThat(overdue.ticket().priority()).isEqualTo(Priority.NORMAL);
    }

    private Conversation queued(String id, ShopperContext shopper, double urgency, Instant at) {
        return queued(id, shopper, urgency, at, Language.ZH);
    }

    private Conversation queued(String id, ShopperContext shopper, double urgency, Instant at, Language language) {
        return Conversation.start(id, shopper, at)
                .append(Speaker.SHOPPER, "转人工", List.of(), at)
                .queued(queue.ticket(TRIGGER, shopper, urgency, language, at), at);
    }

    private static QueueConfig config(
            List<String> vipTags,
            double urgentAbove,
            int vipMinutes,
            int urgentMinutes,
            int normalMinutes,
            List<String> overdueActions) {
        return new QueueConfig(vipTags, urgentAbove, vipMinutes, urgentMinutes, normalMinutes, overdueActions, 15);
    }
}
