package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory and everything in it are its owner's only (700 and 600): the embedded
 * database (which holds the knowledge journal and the scripts), the unanswered inbox, the index, the demo tokens, the releases
 * trainers publish; also when an earlier version left them readable.
 */
@DisabledOnOs(OS.WINDOWS)
class DataDirPermissionsIT {
    private static final String TRAINER_TOKEN = "perm-trainer-token-0123456789";

    @TempDir
    Path parent;

    @Test
    void should_make_the_data_directory_and_every_file_its_owners_only_at_start_and_after_writes() throws Exception {
        Path dataDir = Files.createDirectories(parent.resolve("kefu-data").resolve("knowledge"))
                .getParent();
        Path earlier =
                Files.writeString(dataDir.resolve("knowledge").resolve("unanswered.jsonl"), "", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("knowledge"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));
        KefuConfig config = new ConfigLoader(Map.of())
                .load(
                        null,
                        Map.of(
                                "server.port",
                                "0",
                                "server.dataDir",
                                dataDir.toString(),
                                "trainer.tokens",
                                "perm:" + TRAINER_TOKEN)); // agent and store: demo tokens

        try (KefuApplication app =
                KefuApplication.create(config, KefuApplication.systemClock()).start()) {
            assertThat(dataDir.resolve(DemoTokens.FILE)).isRegularFile();
            assertThat(dataDir.resolve("db")).isDirectory();
            assertThat(dataDir.resolve("index")).isDirectory();
            // the knowledge journal and the edited scripts are in the database (issue 18: shared by nodes)
            assertThat(dataDir.resolve("knowledge").resolve("journal.jsonl")).doesNotExist();
            assertOwnerOnly(dataDir);

            HttpClient http = HttpClient.newHttpClient();
            String scripts = trainer(http, app, "GET", "/api/v1/scripts", null);
            trainer(http, app, "PUT", "/api/v1/scripts", scripts);
            trainer(
                    http,
                    app,
                    "POST",
                    "/api/v1/kb/entries?publish=true",
                    "{\"id\": \"faq-permissions\", \"type\": \"faq\", \"title\": \"Files\", \"body\": \"Ours only.\"}");

            assertThat(dataDir.resolve("scripts.yaml")).doesNotExist();
            assertOwnerOnly(dataDir);
        }
    }

    private static String trainer(HttpClient http, KefuApplication app, String method, String path, String body)
            throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                        .header("Authorization", "Bearer " + TRAINER_TOKEN)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return response.body();
    }

    private static void assertOwnerOnly(Path dataDir) throws Exception {
        Map<String, String> permissions = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.toList()) {
                permissions.put(
                        dataDir.relativize(path).toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        assertThat(permissions).allSatisfy((path, mode) -> assertThat(mode)
                .as(path)
                .isEqualTo(Files.isDirectory(dataDir.resolve(path)) ? "rwx------" : "rw-------"));
    }
}
