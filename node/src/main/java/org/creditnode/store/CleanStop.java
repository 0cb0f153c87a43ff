package org.creditnode.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A marker written at a clean stop, {@code <data>/clean-stop}, naming the node's own chain head
 * at that moment, and removed at the next start. A start that finds it, naming the head the
 * database has, was preceded by a clean stop; any other start followed a kill, a power cut, a
 * lost disk or an edit of the data. Operators read which in the log; the neighbours are asked
 * either way (a restored backup of a cleanly stopped node carries its marker too).
 */
public final class CleanStop {
    private static final Logger LOG = LoggerFactory.getLogger(CleanStop.class);
    private static final String FILE = "clean-stop";

    private CleanStop() {
    }

    /** Written and synced to disk as the very last step of a clean stop. */
    public static void write(Path dataDir, Optional<OriginHead> head) {
        String text = head.map(h -> h.lastSeq() + " " + h.lastHash()).orElse("0 " + OriginHead.GENESIS) + "\n";
        try (FileChannel ch = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        } catch (IOException e) {
            LOG.warn("could not write the clean-stop marker: {}", e.toString());
        }
    }

    /** Reads and removes the marker; true when it names exactly the head the database has now. */
    public static boolean consume(Path dataDir, Optional<OriginHead> head) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) return false;
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            Files.delete(file);
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true); // the removal itself must survive a crash that follows
            } catch (IOException ignored) {
                // not every file system syncs directories; the worst case is one extra check
            }
            String expected = head.map(h -> h.lastSeq() + " " + h.lastHash()).orElse("0 " + OriginHead.GENESIS);
            if (!text.equals(expected)) {
                LOG.warn("clean-stop marker names head {} but the database's is {}: treating this start as unclean",
                        text.split(" ")[0], expected.split(" ")[0]);
                return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
