package dev.kefu.channels.app;

import dev.kefu.core.config.ConfigException;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.slot.ScriptLibrary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar kefu-server.jar [--port N] [--data-dir DIR] [--config FILE]}. */
@Command(
        name = "kefu-server",
        mixinStandardHelpOptions = true,
        description = "Starts the Kefu server: storefront demo with the chat widget, chat API and WebSocket.")
public final class KefuServer implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 7070; 0 picks a free port).")
    private Integer port;

    @Option(names = "--data-dir", description = "Directory for the index and state (default ./kefu-data).")
    private Path dataDir;

    @Option(names = "--config", description = "YAML configuration file; see the README for the settings.")
    private Path configFile;

    public static void main(String[] args) {
        int exit = new CommandLine(new KefuServer()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (port != null) {
            overrides.put("server.port", port.toString());
        }
        if (dataDir != null) {
            overrides.put("server.dataDir", dataDir.toString());
        }
        KefuConfig config;
        try {
            config = new ConfigLoader(System.getenv()).load(configFile, overrides);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        KefuApplication application;
        try {
            application = KefuApplication.create(config, KefuApplication.systemClock())
                    .start();
        } catch (ScriptLibrary.ScriptException e) {
            System.err.println("slots.scripts has problems; nothing was started:");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "kefu-shutdown"));
        System.out.println("Kefu is running: open http://localhost:" + application.port() + "/");
        Thread.currentThread().join();
        return 0;
    }
}
