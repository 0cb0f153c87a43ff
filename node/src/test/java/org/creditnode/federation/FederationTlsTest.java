package org.creditnode.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.policy.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS between nodes: node 360400 serves; its child 360404, the national node and strangers call. */
class FederationTlsTest {
    static final String NATIONAL = "100000", PROVINCE = "360000", CITY = "360400", COUNTY = "360404";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static java.nio.file.Path dir;
    static FederationPki pki;
    static FederationPki foreign;
    static FederationServer city;
    static String whoami;

    /** A child-only operation that tells the caller who it is. */
    @Path("/federation/v1")
    public static class WhoAmIResource {
        private final CallerPolicy policy;

        public WhoAmIResource(CallerPolicy policy) {
            this.policy = policy;
        }

        @GET
        @Path("whoami")
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> whoami() {
            return Map.of("caller", policy.require(CallerIdentity.current(), "whoami", Role.CHILD));
        }
    }

    @BeforeAll
    static void startCity() throws IOException {
        pki = new FederationPki(dir.resolve("fed"), KeyAlgorithm.SM2, TestOrigin.PW); // SM2 signing, P-256 TLS
        pki.createFederation(List.of(NATIONAL, PROVINCE, CITY, COUNTY));
        foreign = new FederationPki(dir.resolve("foreign"), KeyAlgorithm.SM2, TestOrigin.PW);
        foreign.createFederation(List.of(COUNTY));
        CallerPolicy policy = new CallerPolicy(PROVINCE, List.of(COUNTY), List.of());
        city = new FederationServer("127.0.0.1", freePort(), tls(pki, CITY), JSON, List.of(new WhoAmIResource(policy)));
        whoami = city.address() + "federation/v1/whoami";
    }

    @AfterAll
    static void stop() {
        if (city != null) {
            city.close();
        }
    }

    @Test
    void childGetsItsOwnIdBack() throws Exception {
        FederationClient.Reply r = client(tls(pki, COUNTY)).getJson(whoami);
        assertEquals(200, r.status(), r.body());
        assertEquals(COUNTY, JSON.readTree(r.body()).get("caller").asText());
        // the SAN also names localhost; the JDK client checks the host name against it
        FederationClient.Reply byName = client(tls(pki, COUNTY)).getJson(whoami.replace("127.0.0.1", "localhost"));
        assertEquals(200, byName.status());
    }

    @Test
    void clientWithoutCertificateFailsTheHandshake() {
        FederationClient anonymous = client(TlsMaterial.anonymous(pki.dir().resolve("tls-trust.pem")));
        assertThrows(IOException.class, () -> anonymous.getJson(whoami)); // SSLHandshakeException: bad_certificate
    }

    @Test
    void certificateOfAnotherFederationFailsTheHandshake() {
        // the stranger trusts our anchors, so it is the server that refuses the stranger's certificate
        TlsMaterial stranger = TlsMaterial.load(foreign.nodeDir(COUNTY).resolve("tls.p12"), TestOrigin.PW,
                pki.dir().resolve("tls-trust.pem"));
        assertThrows(IOException.class, () -> client(stranger).getJson(whoami)); // alert: certificate_unknown
        // and a client of our federation refuses a server of the other one
        TlsMaterial trustsForeignOnly = TlsMaterial.load(pki.nodeDir(COUNTY).resolve("tls.p12"), TestOrigin.PW,
                foreign.dir().resolve("tls-trust.pem"));
        assertThrows(IOException.class, () -> client(trustsForeignOnly).getJson(whoami));
    }

    @Test
    void knownNodeInTheWrongRoleIsForbidden() throws Exception {
        for (String caller : List.of(NATIONAL, PROVINCE)) { // national: unknown here; province: parent, not child
            FederationClient.Reply r = client(tls(pki, caller)).getJson(whoami);
            assertEquals(403, r.status(), r.body());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("FORBIDDEN", body.get("error").asText());
            assertTrue(body.get("message").asText().contains(caller), body.toString());
        }
    }

    @Test
    void configuredCipherSuitesAreTheOnlyOnesOfferedAndAccepted() throws Exception {
        String chacha = "TLS_CHACHA20_POLY1305_SHA256";
        try (FederationServer chachaOnly = new FederationServer("127.0.0.1", freePort(),
                tls(pki, CITY).withCipherSuites(List.of(chacha)), JSON, List.of(new WhoAmIResource(
                        new CallerPolicy(PROVINCE, List.of(COUNTY), List.of()))))) {
            String url = chachaOnly.address() + "federation/v1/whoami";
            // a client with the JDK defaults offers ChaCha20 too, so they agree on it
            assertEquals(200, client(tls(pki, COUNTY)).getJson(url).status());
            assertEquals(200, client(tls(pki, COUNTY).withCipherSuites(List.of(chacha))).getJson(url).status());
            // a client offering AES-GCM alone shares no suite with it: no handshake
            FederationClient aesOnly = client(tls(pki, COUNTY).withCipherSuites(List.of("TLS_AES_128_GCM_SHA256")));
            assertThrows(IOException.class, () -> aesOnly.getJson(url));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tls(pki, COUNTY).withCipherSuites(List.of("TLS_NO_SUCH_SUITE")));
        assertTrue(e.getMessage().contains("TLS_NO_SUCH_SUITE"), e.getMessage());
    }

    @Test
    void policyDecidesByRole() {
        CallerPolicy p = new CallerPolicy(PROVINCE, List.of(COUNTY), List.of("320000"));
        assertTrue(p.allowed(COUNTY, Role.CHILD));
        assertTrue(p.allowed(PROVINCE, Role.CHILD, Role.PARENT));
        assertTrue(p.allowed("320000", Role.PEER));
        assertEquals(false, p.allowed(PROVINCE, Role.CHILD));
        assertEquals(false, p.allowed(NATIONAL, Role.PARENT, Role.CHILD, Role.PEER));
        assertEquals(false, p.allowed(null, Role.CHILD));
        assertThrows(CallerRefused.class, () -> p.require(NATIONAL, "test", Role.CHILD));
    }

    @Test
    void severalServersLiveInOneJvm() throws Exception {
        CallerPolicy policy = new CallerPolicy(null, List.of(PROVINCE), List.of());
        try (FederationServer national = new FederationServer("127.0.0.1", freePort(), tls(pki, NATIONAL), JSON,
                List.of(new WhoAmIResource(policy)))) {
            FederationClient.Reply r = client(tls(pki, PROVINCE)).getJson(national.address() + "federation/v1/whoami");
            assertEquals(PROVINCE, JSON.readTree(r.body()).get("caller").asText());
        }
        // a second server on a taken port is refused and leaves the first one alone
        assertThrows(IllegalStateException.class, () -> new FederationServer("127.0.0.1", city.port(), tls(pki, NATIONAL), JSON,
                List.of(new WhoAmIResource(policy))));
        // closing one server's bus left the other running
        assertEquals(200, client(tls(pki, COUNTY)).getJson(whoami).status());
    }

    static TlsMaterial tls(FederationPki f, String node) {
        return TlsMaterial.load(f.nodeDir(node).resolve("tls.p12"), TestOrigin.PW, f.dir().resolve("tls-trust.pem"));
    }

    static FederationClient client(TlsMaterial tls) {
        return new FederationClient(tls, TIMEOUT, TIMEOUT);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
