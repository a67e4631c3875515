package dev.kefu.core.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentimentTrendTest {
    @Test
    void should_take_first_score_outright_then_weight_later_ones() {
        SentimentTrend trend = SentimentTrend.start().next(-0.8, 0.5);
        assertThat(trend.running()).isEqualTo(-0.8);
        assertThat(trend.next(0.4, 0.5).running()).isCloseTo(-0.2, within(1e-9));
    }

    @Test
    void should_count_falling_streak_and_reset_it_when_sentiment_rises() {
        SentimentTrend trend =
                SentimentTrend.start().next(0.5, 0.5).next(0.1, 0.5).next(-0.3, 0.5);
        assertThat(trend.fallingStreak()).isEqualTo(2);
        assertThat(trend.next(0.9, 0.5).fallingStreak()).isZero();
    }
}
