package dev.kefu.channels.app;

import dev.kefu.channels.identity.ShopperTokens;
import dev.kefu.channels.logging.LogEncoder;
import dev.kefu.core.config.ConfigException;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.slot.ScriptLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar kefu-server.jar [--port N] [--data-dir DIR] [--config FILE]} (through {@link
 * ServerLauncher}, which picks the JVM's options), and {@code
 * shopper-token}, which signs a shopper token as a store's back end would (for the demo and
 * trying the API).
 */
@Command(
        name = "kefu-server",
        mixinStandardHelpOptions = true,
        subcommands = KefuServer.ShopperToken.class,
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
        KefuConfig config = config(overrides);
        if (config == null) {
            return 2;
        }
        LogEncoder.use(config.log().format());
        KefuApplication application;
        try {
            application = KefuApplication.launch(config, KefuApplication.systemClock());
        } catch (ScriptLibrary.ScriptException e) {
            System.err.println("slots.scripts has problems; nothing was started:");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "kefu-shutdown"));
        ServerLauncher.stopWithLauncher();
        System.out.println("Kefu is running: open http://localhost:" + application.port() + "/");
        Thread.currentThread().join();
        return 0;
    }

    /** The configuration with {@code --data-dir} and {@code overrides}, or {@code null} (reported) when it is wrong. */
    private KefuConfig config(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (dataDir != null) {
            all.put("server.dataDir", dataDir.toString());
        }
        try {
            return new ConfigLoader(System.getenv()).load(configFile, all);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    /**
     * {@code kefu-server shopper-token --id ID [--tags a,b] [--minutes N]}: a shopper token signed
     * with {@code store.identitySecret}, or with the demo's secret in the data directory.
     */
    @Command(
            name = "shopper-token",
            mixinStandardHelpOptions = true,
            description = "Prints a shopper token signed as the store's back end signs one (store.identitySecret, or"
                    + " the demo's secret in the data directory).")
    static final class ShopperToken implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        private KefuServer server;

        @Option(names = "--id", required = true, description = "The shopper's id (the token's sub).")
        private String shopperId;

        @Option(names = "--tags", split = ",", description = "The shopper's tags, e.g. vip_diamond,mother_baby.")
        private List<String> tags = List.of();

        @Option(names = "--minutes", description = "How long the token is valid (default 60).")
        private int minutes = 60;

        @Override
        public Integer call() throws IOException {
            KefuConfig config = server.config(Map.of());
            if (config == null) {
                return 2;
            }
            Path data = Files.createDirectories(Path.of(config.server().dataDir()));
            ShopperTokens tokens = new ShopperTokens(
                    KefuApplication.identitySecret(config.store().identitySecret(), data),
                    KefuApplication.systemClock());
            System.out.println(tokens.mint(shopperId, new LinkedHashSet<>(tags), Duration.ofMinutes(minutes)));
            return 0;
        }
    }
}
