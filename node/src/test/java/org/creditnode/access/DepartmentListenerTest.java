package org.creditnode.access;

import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.node.CreditNode;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The department listener: HTTPS with the node's certificate, plain HTTP only on loopback, stalled bodies cut off with 408. */
class DepartmentListenerTest {
    @TempDir
    Path dir;

    @Test
    void httpsWithTheNodesCertificateAndPlainHttpOnlyOnLoopback() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, "http: { host: 127.0.0.1, port: " + port + ", tls: true }\n"
                + "federation: { ownLogCheckMs: 0 }\n");
        NodeConfig config = NodeConfig.load(cfg).resolve(null, null);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            assertTrue(node.apiAddress().startsWith("https://"), node.apiAddress());
            TlsMaterial trust = TlsMaterial.anonymous(Path.of(config.keys.tlsTrust));
            HttpClient https = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
            String key = TestAccess.departmentKey(TestAccess.admin(node));
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(node.apiAddress() + "api/v1/subjects/X/records"))
                    .header("Authorization", "Bearer " + key).header("X-Purpose", "SUPERVISION").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            HttpClient plain = HttpClient.newHttpClient();
            assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()), "no plain HTTP on a TLS listener");
        }
        ConfigException e = assertThrows(ConfigException.class, () -> NodeConfig.load(TestNodes.writeConfig(dir.resolve("wide"), "360404",
                port, "http: { host: 0.0.0.0, port: " + port + " }\n")).resolve(null, null));
        assertTrue(e.getMessage().contains("tls: true"), e.getMessage());
    }

    @Test
    void aStalledBodyGets408AndTheNodeGoesOn() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, "http: { host: 127.0.0.1, port: " + port + ", idleTimeoutMs: 1500 }\n"
                + "federation: { ownLogCheckMs: 0 }\n");
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            String key = TestAccess.departmentKey(TestAccess.admin(node));
            long before = node.store().count();
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/records HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000\r\n\r\n{\"records\": [").getBytes(StandardCharsets.US_ASCII));
                out.flush(); // and then nothing more: the body stalls
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 408"), "answer: " + answer);
                assertTrue(answer.contains("REQUEST_TIMEOUT"), answer);
            }
            assertEquals(before, node.store().count());
            assertEquals(200, TestAccess.department(node).get("/health").status(), "the node goes on");
        }
    }

    @Test
    void aTricklingBodyGets408() throws Exception {
        int port = TestNodes.freePort();
        Path cfg = TestNodes.writeConfig(dir, "360404", port, "http: { host: 127.0.0.1, port: " + port
                + ", idleTimeoutMs: 30000, maxRequestSeconds: 2 }\nfederation: { ownLogCheckMs: 0 }\n");
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            String key = TestAccess.departmentKey(TestAccess.admin(node));
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(200);
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/records HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try {
                        out.write(' '); // a slow-loris client: a byte every 200 ms, never stalling long enough for the idle timeout
                        out.flush();
                    } catch (java.io.IOException closed) {
                        s.setSoTimeout(5_000); // the node answered and closed: read what it said
                    }
                    try {
                        int n = in.read();
                        if (n < 0) break;
                        answer.write(n);
                        s.setSoTimeout(10_000);
                        answer.writeBytes(in.readAllBytes());
                        break;
                    } catch (java.net.SocketTimeoutException nothingYet) {
                        // no answer yet: send the next byte
                    }
                }
                String text = answer.toString(StandardCharsets.UTF_8);
                assertTrue(text.startsWith("HTTP/1.1 408"), "cut off with 408: " + text);
                assertTrue(text.contains("REQUEST_TIMEOUT"), text);
                assertTrue(System.nanoTime() < deadline, "the node did not wait for the whole body");
            }
            assertEquals(200, TestAccess.department(node).get("/health").status(), "the node goes on");
        }
    }
}
