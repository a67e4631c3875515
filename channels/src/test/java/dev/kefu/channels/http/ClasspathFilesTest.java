package dev.kefu.channels.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The storefront's files from the classpath folder: files only, never a folder or outside it. */
class ClasspathFilesTest {
    private final ClasspathFiles files = new ClasspathFiles("public", ClasspathFilesTest.class.getClassLoader());

    @Test
    void should_serve_a_file_and_a_folders_index_when_they_exist() {
        assertThat(files.file("/index.html")).get().satisfies(bytes -> assertThat(
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                .contains("<html"));
        assertThat(files.file("/")).get().isEqualTo(files.file("/index.html").orElseThrow());
        assertThat(files.file("/agent/")).isPresent();
        assertThat(files.file("/favicon.svg")).isPresent();
    }

    @Test
    void should_serve_nothing_when_the_path_is_a_folder_missing_or_outside_the_folder() {
        assertThat(files.file("/agent")).isEmpty();
        assertThat(files.file("/no-such-file.js")).isEmpty();
        assertThat(files.file("/../dev/kefu/core/config/defaults.yaml")).isEmpty();
        assertThat(files.file("/agent/..\\index.html")).isEmpty();
        assertThat(files.file("//index.html")).isEmpty();
    }
}
