package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.KefuServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerGaugesTest {
    @Test
    void should_read_the_server_jvm_when_given_the_pid_of_its_launcher() throws Exception {
        // a stand-in launcher whose child's arguments name the server's main class, as ServerLauncher's does
        Process launcher = new ProcessBuilder(
                        "sh", "-c", "sh -c 'sleep 30; true' " + KefuServer.class.getName() + "; true")
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<ProcessHandle> children = launcher.children().toList();
            while (!execed(children) && System.nanoTime() < deadline) { // forked, then exec'd with its arguments
                Thread.onSpinWait();
                children = launcher.children().toList();
            }
            assertThat(children).hasSize(1);
            long server = children.get(0).pid();

            assertThat(ServerGauges.serverJvm(launcher.pid())).isEqualTo(server);
            assertThat(ServerGauges.serverJvm(server))
                    .as("a server started without a launcher is itself")
                    .isEqualTo(server);
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean execed(List<ProcessHandle> children) {
        return children.size() == 1
                && children.get(0)
                        .info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains(KefuServer.class.getName()))
                        .orElse(false);
    }
}
