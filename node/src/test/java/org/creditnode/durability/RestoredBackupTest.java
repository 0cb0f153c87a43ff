package org.creditnode.durability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.node.Await;
import org.creditnode.node.LocalFederation;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A county restored from an older backup must not number new records with numbers its city
 * already holds: at start it learns from the city what it had issued, takes those records back,
 * and continues after them — and the city sees no conflict.
 */
class RestoredBackupTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private int subjects;

    @Test
    void aNodeRestoredFromAnOlderBackupTakesItsRecordsBackAndNeverReusesANumber() throws Exception {
        try (LocalFederation fed = new LocalFederation(List.of("360400", "360404"), dir, TestNodes.CONFIG_DIR, "")) {
            fed.startAll(Duration.ofSeconds(120));
            feed(fed, 300);
            Await.until("300 records at the city", Duration.ofSeconds(60), () -> fed.watermark("360400", "360404") >= 300);
            assertEquals(143, fed.stop("360404"));
            Path data = dir.resolve("360404").resolve("data");
            Path backup = dir.resolve("backup");
            copy(data, backup);

            fed.start("360404");
            fed.awaitHealthy("360404", Duration.ofSeconds(60));
            feed(fed, 200); // seq 301..500: at the city, lost with the county's disk below
            Await.until("500 records at the city", Duration.ofSeconds(60), () -> fed.watermark("360400", "360404") >= 500);
            assertEquals(143, fed.stop("360404"));

            delete(data);
            copy(backup, data); // the operator restores last night's backup
            fed.start("360404");
            fed.awaitHealthy("360404", Duration.ofSeconds(60));
            HttpResponse<String> next = post(fed, batch(10));
            assertEquals(200, next.statusCode(), next.body());
            assertEquals("360404-501", JSON.readTree(next.body()).get("accepted").get(0).get("id").asText(),
                    "numbering continues after what the city holds");
            assertEquals(510, fed.records("360404", "360404"), "the county took seq 301..500 back");
            assertEquals(200, fed.get("360404", "/api/v1/records/360404-450").statusCode());
            Await.until("the new records reach the city and link to the chain", Duration.ofSeconds(60), () -> fed.watermark("360400", "360404") >= 510);
            String origins = fed.get("360400", "/admin/v1/origins").body();
            assertTrue(!origins.contains("CONFLICT"), origins);
            assertTrue(Files.readString(dir.resolve("360404.log")).contains("own log: recovered seq 301..500 from 360400"));
        }
    }

    private void feed(LocalFederation fed, int n) throws Exception {
        for (int done = 0; done < n; done += 100) {
            HttpResponse<String> r = post(fed, batch(Math.min(100, n - done)));
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    private HttpResponse<String> post(LocalFederation fed, String body) throws Exception {
        return fed.post("360404", "/api/v1/records", body);
    }

    private String batch(int n) {
        ObjectNode b = JSON.createObjectNode();
        ArrayNode records = b.putArray("records");
        for (int i = 0; i < n; i++) {
            records.add(SampleRecords.penaltyAgainst(++subjects));
        }
        return b.toString();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
