package org.creditnode.store;

import org.creditnode.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free space kept in reserve on the file systems that hold the database and the broker journal.
 * Below it the node takes no new records (department 507, neighbours 503) and /health says DOWN
 * with the reason, so that it never answers 200 for a write the disk may not be able to keep
 * (a full disk made H2 close itself mid-run and lose acknowledged commits). Reads go on; once
 * space is freed the next check finds it and intake resumes by itself.
 *
 * <p>One statfs per check (a few microseconds): cheap enough to ask before every batch.
 */
public final class DiskReserve {
    private static final Logger LOG = LoggerFactory.getLogger(DiskReserve.class);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(%|B|KIB|KB|MIB|MB|GIB|GB)?");

    /** Free space below the reserve on one file system. */
    public record Shortage(Path path, long freeBytes, long reserveBytes) {
        public String message() {
            return "free space on " + path + " is " + mib(freeBytes) + " MiB, below the node's reserve of " + mib(reserveBytes)
                    + " MiB (storage.minFree); free space or raise the disk, the node resumes by itself";
        }
    }

    private final Map<FileStore, Path> stores = new LinkedHashMap<>();
    private final long fixedBytes;
    private final int percent;
    private volatile boolean short_;

    /**
     * @param paths folders whose file systems must keep the reserve (created if missing)
     * @param minFree "256MiB", "1GiB", "5%" …: a size, or a share of each file system's total
     */
    public DiskReserve(List<Path> paths, String minFree) {
        Matcher m = SIZE.matcher(minFree == null ? "" : minFree.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException("storage.minFree must be a size like 256MiB or 1GiB, or a percentage like 5%, got \""
                    + minFree + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        if (unit.equals("%")) {
            if (n > 90) throw new ConfigException("storage.minFree " + minFree + " would keep the node from writing at all");
            percent = (int) n;
            fixedBytes = 0;
        } else {
            percent = -1;
            fixedBytes = n * switch (unit) {
                case "KIB", "KB" -> 1024L;
                case "MIB", "MB" -> 1024L * 1024;
                case "GIB", "GB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
        }
        for (Path p : paths) {
            try {
                Files.createDirectories(p);
                stores.putIfAbsent(Files.getFileStore(p), p);
            } catch (IOException e) {
                throw new ConfigException("cannot watch free space of " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /** The first file system below its reserve, if any. */
    public Optional<Shortage> shortage() {
        Shortage found = null;
        for (var e : stores.entrySet()) {
            try {
                FileStore fs = e.getKey();
                long free = fs.getUsableSpace();
                long reserve = percent >= 0 ? fs.getTotalSpace() / 100 * percent : fixedBytes;
                if (free < reserve) {
                    found = new Shortage(e.getValue(), free, reserve);
                    break;
                }
            } catch (IOException ex) {
                found = new Shortage(e.getValue(), 0, fixedBytes);
                break;
            }
        }
        boolean nowShort = found != null;
        if (nowShort != short_) {
            short_ = nowShort;
            if (nowShort) LOG.warn("disk reserve reached, refusing new records: {}", found.message());
            else LOG.info("disk reserve restored, taking records again");
        }
        return Optional.ofNullable(found);
    }

    private static long mib(long bytes) { return bytes >> 20; }
}
