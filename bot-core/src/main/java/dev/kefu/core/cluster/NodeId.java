package dev.kefu.core.cluster;

import dev.kefu.core.Checks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One running node of the service: its host name and a random part drawn at start, so a restarted
 * node is a new node (the leases of the one before it are not its own).
 */
public record NodeId(String value) {
    private static final int MAX_CHARS = 100;

    public NodeId {
        Checks.requireText("value", value);
        if (value.length() > MAX_CHARS || value.contains("\n")) {
            throw new IllegalArgumentException("a node id is one line of at most " + MAX_CHARS + " characters");
        }
    }

    /** This process: {@code host-1a2b3c4d}. */
    public static NodeId random(SecureRandom random) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        if (host.length() > 60) {
            host = host.substring(0, 60);
        }
        return new NodeId(host + "-" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
