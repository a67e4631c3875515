package dev.kefu.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code kefu-eval} logs as the server does: no shopper's phone, e-mail or order number in clear. */
class LogMaskingTest {
    @Test
    void should_mask_personal_data_in_the_message_and_stack_trace_of_every_line() throws Exception {
        URL config = LogMaskingTest.class.getResource("/logback.xml");
        assertThat(config).as("kefu-eval's logback.xml").isNotNull();
        assertThat(config.toString()).contains("evaluation");
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.ERROR);
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            OutputStreamAppender<ILoggingEvent> stderr =
                    (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
            String text = "replaying: call 13800138000, li.na@example.com, order DD20261122001";

            String line = new String(
                    stderr.getEncoder()
                            .encode(new LoggingEvent(
                                    Logger.class.getName(),
                                    root,
                                    Level.WARN,
                                    "case failed: {}",
                                    new IllegalStateException(text),
                                    new Object[] {text})),
                    StandardCharsets.UTF_8);

            assertThat(line)
                    .contains("case failed: replaying: call <PHONE>, <EMAIL>, order <ORDER>")
                    .contains("java.lang.IllegalStateException: replaying: call <PHONE>")
                    .doesNotContain("13800138000", "li.na@example.com", "DD20261122001");
        } finally {
            context.stop();
        }
    }
}
