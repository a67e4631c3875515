package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.PostgresSchema;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import dev.kefu.core.cluster.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Outreach under a cluster: two nodes on one PostgreSQL schema, the shopper's widget open on the
 * node that does not hold the timers' lease, the cart left through the other. The widget gets the
 * bot's message within 5 s (before, only the lease holder ticked, and it saw only its own widgets),
 * and the decision is in the log once.
 */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class OutreachClusterIT {
    private static final PostgresSchema schema = new PostgresSchema();
    private static RunningServer first;
    private static RunningServer second;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = Map.of(
                "storage.url",
                schema.url(),
                "proactive.cartAbandonment.afterSeconds",
                "2",
                "proactive.tickSeconds",
                "1");
        first = new RunningServer(settings);
        first.beforeAll(null);
        second = new RunningServer(settings);
        second.beforeAll(null);
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningServer node : new RunningServer[] {second, first}) {
            if (node != null) {
                node.afterAll(null);
            }
        }
        schema.afterAll(null);
    }

    @Test
    void should_reach_a_widget_open_on_the_node_that_does_not_run_the_timers() throws Exception {
        assertThat(List.of(first, second).stream().map(RunningServer::cluster).filter(Cluster::runsTimers))
                .as("one lease holder")
                .hasSize(1);
        RunningServer holder = first.cluster().runsTimers() ? first : second;
        RunningServer other = holder == first ? second : first;
        String shopper = OutreachIT.messagedShopper("cluster-cart-");

        try (WsClient widget = OutreachIT.widget(other, shopper)) {
            long start = System.nanoTime();
            OutreachIT.addedToCart(holder, shopper);

            JsonNode frame = widget.next("message");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(frame.path("message").path("from").asText()).isEqualTo("bot");
            assertThat(frame.path("outreach").path("ruleId").asText()).isEqualTo("cart-reminder");
        }
        JsonNode log = holder.trainer("GET", "/api/v1/outreach/log", null);
        assertThat(OutreachIT.entriesOf(log, shopper))
                .as("decided once across the nodes")
                .singleElement()
                .satisfies(e -> assertThat(e.path("sent").asBoolean()).isTrue());
    }
}
