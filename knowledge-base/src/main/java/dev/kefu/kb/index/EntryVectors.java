package dev.kefu.kb.index;

import dev.kefu.core.Checks;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.core.privacy.OwnerOnly;
import dev.kefu.kb.model.KnowledgeEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors of each entry's embedded texts, kept in a file beside the index so that a start, or
 * a publish, embeds only the entries whose texts changed: embedding is the index build's cost (a
 * few milliseconds of CPU per text), the rest of the build is a fraction of it.
 *
 * <p>Each entry's vectors are stored under a SHA-256 of its embedded texts, and the whole file
 * under the embedder's {@link TextEmbedder#model()}: an entry whose texts changed is embedded
 * again, and a different model embeds everything again. A missing, unreadable or foreign file is
 * logged and read as empty (everything is embedded), never a failed start. The file is replaced
 * atomically after each build, holding the entries of that build only, readable by its owner only.
 *
 * <p>Thread-safe: builds using one instance are serialised.
 */
public final class EntryVectors {
    private static final System.Logger LOG = System.getLogger(EntryVectors.class.getName());
    private static final String MAGIC = "kefu-entry-vectors";
    private static final int FORMAT = 1;

    /** One entry's stored vectors: the hash of the texts they embed, one embedding per text. */
    private record Stored(byte[] hash, List<TextEmbedder.Embedding> embeddings) {}

    private final Path file;
    private Map<String, Stored> stored;
    private String storedModel;
    private int lastEmbedded;

    private EntryVectors(Path file) {
        this.file = file;
    }

    /** Vectors kept in {@code file} (created on the first build). */
    public static EntryVectors in(Path file) {
        return new EntryVectors(Checks.requireNonNull("file", file));
    }

    /** Vectors kept in memory only, from one build to the next of this instance. */
    public static EntryVectors inMemory() {
        return new EntryVectors(null);
    }

    /** How many entries the last build embedded (the others reused their stored vectors). */
    public synchronized int lastEmbedded() {
        return lastEmbedded;
    }

    /**
     * The embeddings of each entry's {@link KnowledgeIndex#embeddedTexts}, in order: stored ones
     * where the texts and the model are unchanged, the others embedded in one call. Stores the
     * result (in the file, if any) for the next build.
     */
    synchronized Map<String, List<TextEmbedder.Embedding>> embed(List<KnowledgeEntry> entries, TextEmbedder embedder) {
        String model = embedder.model();
        Map<String, Stored> previous = load(model);
        Map<String, Stored> next = new LinkedHashMap<>();
        List<KnowledgeEntry> changed = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<String, byte[]> hashes = new HashMap<>();
        for (KnowledgeEntry entry : entries) {
            List<String> entryTexts = KnowledgeIndex.embeddedTexts(entry);
            byte[] hash = hash(entryTexts);
            hashes.put(entry.id(), hash);
            Stored old = previous.get(entry.id());
            if (old != null
                    && Arrays.equals(old.hash(), hash)
                    && old.embeddings().size() == entryTexts.size()) {
                next.put(entry.id(), old);
            } else {
                changed.add(entry);
                texts.addAll(entryTexts);
            }
        }
        List<TextEmbedder.Embedding> fresh = texts.isEmpty() ? List.of() : embedder.embedAll(texts);
        int at = 0;
        for (KnowledgeEntry entry : changed) {
            int n = KnowledgeIndex.embeddedTexts(entry).size();
            next.put(entry.id(), new Stored(hashes.get(entry.id()), List.copyOf(fresh.subList(at, at + n))));
            at += n;
        }
        Map<String, List<TextEmbedder.Embedding>> result = new LinkedHashMap<>();
        for (KnowledgeEntry entry : entries) {
            result.put(entry.id(), next.get(entry.id()).embeddings());
        }
        this.stored = next;
        this.storedModel = model;
        this.lastEmbedded = changed.size();
        if (file != null && (!changed.isEmpty() || next.size() != previous.size())) {
            save(model, next);
        }
        return result;
    }

    /** The stored vectors if they were made by {@code model}; else none. */
    private Map<String, Stored> load(String model) {
        if (stored == null && file != null) {
            read();
        }
        if (stored == null || !model.equals(storedModel)) {
            if (stored != null && !stored.isEmpty()) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "knowledge vectors were made by {0}, the embedder is {1}: embedding every entry again",
                        storedModel,
                        model);
            }
            return Map.of();
        }
        return stored;
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new IOException("not a knowledge vectors file of format " + FORMAT);
            }
            String model = in.readUTF();
            int entries = in.readInt();
            Map<String, Stored> read = new HashMap<>();
            for (int e = 0; e < entries; e++) {
                String id = in.readUTF();
                byte[] hash = new byte[in.readUnsignedByte()];
                in.readFully(hash);
                int n = in.readInt();
                List<TextEmbedder.Embedding> embeddings = new ArrayList<>(n);
                for (int t = 0; t < n; t++) {
                    String space = in.readUTF();
                    float[] vector = new float[in.readInt()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = in.readFloat();
                    }
                    embeddings.add(new TextEmbedder.Embedding(space, vector));
                }
                read.put(id, new Stored(hash, List.copyOf(embeddings)));
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after " + entries + " entries");
            }
            this.stored = read;
            this.storedModel = model;
        } catch (NoSuchFileException e) {
            this.stored = Map.of();
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot read the knowledge vectors in {0} ({1}): embedding every entry again",
                    file,
                    e.toString());
            this.stored = Map.of();
        }
    }

    /** Writes a temporary file, then moves it over the old one: a crash leaves one or the other. */
    private void save(String model, Map<String, Stored> vectors) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary); // left by a crash
            OwnerOnly.file(temporary); // like every file of the data directory: its owner's only
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(model);
                out.writeInt(vectors.size());
                for (Map.Entry<String, Stored> entry : vectors.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeByte(entry.getValue().hash().length);
                    out.write(entry.getValue().hash());
                    out.writeInt(entry.getValue().embeddings().size());
                    for (TextEmbedder.Embedding embedding : entry.getValue().embeddings()) {
                        out.writeUTF(embedding.space());
                        out.writeInt(embedding.vector().length);
                        for (float v : embedding.vector()) {
                            out.writeFloat(v);
                        }
                    }
                }
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the index is built; only the next start pays for the missing file
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot save the knowledge vectors in {0} ({1}): the next start embeds every entry",
                    file,
                    e.toString());
        }
    }

    /** SHA-256 of the texts, each preceded by its length, so no two lists of texts collide by joining. */
    private static byte[] hash(List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                digest.update(new byte[] {
                    (byte) (bytes.length >>> 24),
                    (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8),
                    (byte) bytes.length
                });
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
