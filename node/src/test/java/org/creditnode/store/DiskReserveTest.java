package org.creditnode.store;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskReserveTest {
    @TempDir
    Path dir;

    @Test
    void aReserveLargerThanTheDiskIsAShortageThatNamesThePathAndTheSetting() throws Exception {
        long total = Files.getFileStore(dir).getTotalSpace();
        DiskReserve reserve = new DiskReserve(List.of(dir), (total / (1 << 20) + 1) + "MiB");
        var shortage = reserve.shortage().orElseThrow();
        assertEquals(dir, shortage.path());
        assertTrue(shortage.message().contains("storage.minFree"), shortage.message());
    }

    @Test
    void aSmallReserveIsNoShortage() {
        assertTrue(new DiskReserve(List.of(dir), "1KiB").shortage().isEmpty());
        assertTrue(new DiskReserve(List.of(dir), "0%").shortage().isEmpty());
    }

    @Test
    void aPercentageIsOfTheFileSystemsTotal() throws Exception {
        long total = Files.getFileStore(dir).getTotalSpace();
        long free = Files.getFileStore(dir).getUsableSpace();
        int percent = (int) Math.min(90, free * 100 / total + 1);
        if (free * 100 / total + 1 <= 90) {
            assertTrue(new DiskReserve(List.of(dir), percent + "%").shortage().isPresent());
        }
    }

    @Test
    void badSettingsAreExplained() {
        ConfigException e = assertThrows(ConfigException.class, () -> new DiskReserve(List.of(dir), "lots"));
        assertTrue(e.getMessage().contains("storage.minFree"), e.getMessage());
        assertThrows(ConfigException.class, () -> new DiskReserve(List.of(dir), "95%"));
    }
}
