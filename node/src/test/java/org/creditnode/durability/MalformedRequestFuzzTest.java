package org.creditnode.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.CreditNode;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input stays in its own request: 3,200 malformed requests (request lines, headers, content
 * lengths and types, encodings, JSON, unstorable text) from four concurrent clients over raw
 * sockets, beside a department sending valid batches. Every malformed request gets a 4xx with the
 * JSON error body (or, for records that are bad one by one, a 200 rejecting each of them); every
 * valid batch is acknowledged whole; the store holds exactly the valid records.
 */
class MalformedRequestFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 8L;
    private static final int CLIENTS = 4;
    private static final int PER_CLIENT = 800;
    private static final int VALID_BATCHES = 40;
    private static final int VALID_BATCH = 50;

    @TempDir
    Path dir;
    private final AtomicInteger subjects = new AtomicInteger();
    /** A department account's Authorization header line: the fuzz reaches the parsing behind the gate. */
    private static volatile String auth = "";

    @Test
    void malformedRequestsGet4xxJsonAndNeverDisturbValidBatches() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, """
                http: { host: 127.0.0.1, port: %d, maxBodyBytes: 1000000 }
                ingest: { maxBatch: 100 }
                """.formatted(port));
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            org.creditnode.node.Http admin = org.creditnode.node.TestAccess.admin(node);
            auth = "Authorization: Bearer " + org.creditnode.node.TestAccess.departmentKey(admin) + "\r\n";
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            List<Future<Integer>> fuzzers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(SEED + c);
                fuzzers.add(pool.submit(() -> {
                    for (int i = 0; i < PER_CLIENT; i++) {
                        int kind = random.nextInt(KINDS);
                        byte[] request = malformed(kind, random);
                        Answer a = exchange(port, request);
                        assertFine(kind, a);
                    }
                    return PER_CLIENT;
                }));
            }
            Future<Integer> valid = pool.submit(() -> {
                int accepted = 0;
                for (int b = 0; b < VALID_BATCHES; b++) {
                    Answer a = exchange(port, post("/api/v1/records", "application/json", validBatch(VALID_BATCH)));
                    assertEquals(200, a.status, "a valid batch beside the fuzzers: " + a.body);
                    accepted += JSON.readTree(a.body).get("accepted").size();
                }
                return accepted;
            });
            int malformed = 0;
            for (Future<Integer> f : fuzzers) malformed += f.get();
            int accepted = valid.get();
            pool.shutdown();
            assertEquals(VALID_BATCHES * VALID_BATCH, accepted);
            var origins = admin.get("/admin/v1/origins");
            assertEquals(accepted, origins.json().path("origins").path("360404").path("records").asLong(),
                    "the store holds exactly the valid records");
            System.out.printf("fuzz: %d malformed requests answered 4xx JSON, %d valid records acknowledged%n", malformed, accepted);
        }
    }

    private static final int KINDS = 22;

    private byte[] malformed(int kind, Random r) {
        String json = "application/json";
        return switch (kind) {
            case 0 -> ("GARBAGE" + r.nextInt(1000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 1 -> ("GET /health HTTP/9.9\r\nHost: t\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII);
            case 2 -> ("GET /health HTTP/1.1\r\nHost: t\r\n" + auth + "NoColonHere\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 3 -> ("GET /health HTTP/1.1\r\nHost: t\r\n" + auth + "X-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 4 -> ("POST /api/v1/records HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
            case 5 -> ("POST /api/v1/records HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 17000000\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 6 -> post("/api/v1/records", pick(r, "application/json; charset=\"", ";;;", "/json", "application/", "application/json; charset",
                    "application/json; =utf-8", "application/json; charset=\"utf-8"), validBatch(1));
            case 7 -> post("/api/v1/records", pick(r, "text/plain", "application/json; charset=utf-16", "application/json; charset=latin1",
                    "*/*", "application/xml"), validBatch(1));
            case 8 -> get(pick(r, "/api/v1/records/360404-1?x=%ZZ", "/api/v1/records/360404-1?x=%", "/api/v1/records/360404-1?x=%C3%28",
                    "/api/v1/subjects/X/records?limit=%G1"));
            case 9 -> get(pick(r, "/api/v1/records/%E0%80", "/api/v1/records/%", "/api/v1/records/%ZZ", "/api/v1/subjects/%FF%FE/records"));
            case 10 -> post("/api/v1/records", json, pick(r, "{", "{\"records\": [", "{\"records\": []} trailing", "nul", "[1,2",
                    "{\"records\": [{\"category\": }]}"));
            case 11 -> post("/api/v1/records", json, new byte[]{'{', '"', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            case 12 -> post("/api/v1/records", json, batchWithText(r, "\\ud800"));
            case 13 -> post("/api/v1/records", json, batchWithText(r, "\\u0000"));
            case 14 -> post("/api/v1/records", json, batchWithText(r, "\\udfff\\ud800"));
            case 15 -> post("/api/v1/records", json, ("{\"records\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.US_ASCII));
            case 16 -> post("/api/v1/records", json, pick(r, "{\"records\": {}}", "{\"records\": []}", "[]", "{\"records\": [1, \"x\", null]}",
                    "{\"records\": [], \"records\": []}"));
            case 17 -> post("/api/v1/records", json, tooManyRecords());
            case 18 -> ("POST /api/v1/records HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 19 -> ("BREW /api/v1/records HTTP/1.1\r\nHost: t\r\n" + auth + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case 20 -> ("POST /api/v1/records HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
            default -> get("/api/v1/records/" + "9".repeat(3000));
        };
    }

    /** A 4xx with the JSON error body; or 200 where every record is rejected (bad text is a record's error). */
    private static void assertFine(int kind, Answer a) throws IOException {
        String where = "kind " + kind + ": HTTP " + a.status + " " + a.contentType + " " + a.body;
        assertTrue(a.status >= 200 && a.status < 500 && a.status != 201, where);
        assertTrue(a.contentType != null && a.contentType.startsWith("application/json"), where);
        JsonNode body = JSON.readTree(a.body);
        if (a.status == 200) {
            assertEquals(0, body.get("accepted").size(), where);
            assertTrue(body.get("rejected").size() > 0, where);
            for (JsonNode rej : body.get("rejected")) {
                String code = rej.get("errors").get(0).get("code").asText();
                if (kind >= 12 && kind <= 14) assertEquals("INVALID_TEXT", code, where); // unstorable text is a field error
            }
        } else {
            assertTrue(a.status >= 400, where);
            assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), where);
        }
    }

    private byte[] batchWithText(Random r, String escapedBadText) {
        ObjectNode b = JSON.createObjectNode();
        ArrayNode records = b.putArray("records");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) records.add(record());
        String text = b.toString();
        // Put the bad text into every record, in a different place each time.
        String field = pick(r, "\"name\":\"", "\"CF_WSH\":\"");
        return text.replace(field, field + escapedBadText).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] tooManyRecords() {
        ObjectNode b = JSON.createObjectNode();
        ArrayNode records = b.putArray("records");
        for (int i = 0; i < 101; i++) records.add(SampleRecords.penalty());
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] validBatch(int n) {
        ObjectNode b = JSON.createObjectNode();
        ArrayNode records = b.putArray("records");
        for (int i = 0; i < n; i++) records.add(record());
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode record() {
        return SampleRecords.penaltyAgainst(subjects.incrementAndGet());
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static byte[] get(String target) {
        return ("GET " + target + " HTTP/1.1\r\nHost: t\r\n" + auth + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] post(String target, String contentType, String body) {
        return post(target, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] post(String target, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private record Answer(int status, String contentType, String body) {
    }

    /** One request on its own connection; the answer read to the end (the server closes it). */
    private static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            byte[] all = readAll(s.getInputStream());
            String head = new String(all, StandardCharsets.ISO_8859_1);
            int headEnd = head.indexOf("\r\n\r\n");
            if (headEnd < 0) throw new AssertionError("no HTTP answer to: " + abbreviate(request) + "\ngot: " + head);
            String[] lines = head.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String type = null;
            boolean chunked = false;
            for (String h : lines) {
                String lower = h.toLowerCase();
                if (lower.startsWith("content-type:")) type = h.substring(13).trim();
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            }
            byte[] body = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
            return new Answer(status, type, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
        } catch (java.net.SocketException reset) {
            // the server may reset after answering a request whose body it did not read
        }
        return out.toByteArray();
    }

    /** HTTP/1.1 chunked transfer coding, on bytes (chunk sizes count bytes). */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int eol = i;
            while (eol + 1 < body.length && !(body[eol] == '\r' && body[eol + 1] == '\n')) eol++;
            int size = Integer.parseInt(new String(body, i, eol - i, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) break;
            out.write(body, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static String abbreviate(byte[] request) {
        String s = new String(request, StandardCharsets.ISO_8859_1);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
