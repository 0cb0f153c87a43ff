package org.creditnode.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.Pem;
import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.creditnode.log.LogSignal;
import org.creditnode.route.LinkRouter;
import org.creditnode.sign.Signer;
import org.creditnode.store.AuditLog;
import org.creditnode.store.CertificateStore;
import org.creditnode.store.DiskReserve;
import org.creditnode.store.LinkStates;
import org.creditnode.store.OriginConflicts;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This node's place in the federation: the outbound queue and forwarder per neighbour, the
 * mutual-TLS listener for neighbours' calls, and catch-up. Records reach the queues through
 * {@link LinkFeeder}, a consumer of the committed-record log.
 */
public final class Federation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

    private final LinkRouter router;
    private final LinkQueues queues;
    private final Map<String, LinkForwarder> forwarders = new LinkedHashMap<>();
    private FederationServer server;
    private final NodeConfig config;
    private final TlsMaterial tls;
    private final List<java.security.cert.X509Certificate> nationalTls;
    private final List<java.security.cert.X509Certificate> signingAnchors;
    private final Map<String, List<java.security.cert.X509Certificate>> memberAnchors;
    private final RecordVerifier verifier;
    private final Set<String> revokedTls;
    private final FederationClient client;
    private final DeliveryBuilder builder;
    private final InboundService inbound;
    private final AuditLog audit;
    private final RecordStore store;
    private final ObjectMapper json;
    private final CatchUp catchUp;
    private final OriginConflicts conflicts;
    private final OwnLogCheck ownLog;

    public Federation(NodeConfig config, LinkRouter router, RecordStore store, AuditLog audit, String brokerUrl,
                      NodeIdentity signing, Signer signer, ObjectMapper json, DiskReserve disk, LogSignal stored) throws Exception {
        this(config, router, store, audit, brokerUrl, signing, signer, json, disk, stored, Map.of(), Set.of());
    }

    /**
     * @param memberAnchors roots alliances name for members outside the national PKI, by member:
     *                      trusted in handshakes, for that member's calls and for its own records only
     * @param revokedTls    SHA-256 fingerprints of TLS certificates the alliances revoke: refused on every call
     */
    public Federation(NodeConfig config, LinkRouter router, RecordStore store, AuditLog audit, String brokerUrl,
                      NodeIdentity signing, Signer signer, ObjectMapper json, DiskReserve disk, LogSignal stored,
                      Map<String, List<java.security.cert.X509Certificate>> memberAnchors, Set<String> revokedTls) throws Exception {
        this.revokedTls = Set.copyOf(revokedTls);
        this.router = router;
        this.config = config;
        this.audit = audit;
        this.store = store;
        this.json = json;
        String self = config.node.id;
        List<NodeConfig.Link> links = config.links();
        char[] password = config.keys.password.toCharArray();
        TlsMaterial tls = TlsMaterial.load(Path.of(config.keys.tlsKeystore), password, Path.of(config.keys.tlsTrust),
                memberAnchors.values().stream().flatMap(List::stream).distinct().toList());
        this.memberAnchors = Map.copyOf(memberAnchors);
        this.nationalTls = Pem.readCertificates(Path.of(config.keys.tlsTrust));
        try {
            tls = tls.withCipherSuites(config.federation.cipherSuites.isEmpty() ? tls.suitesForThisJvm() : config.federation.cipherSuites);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("federation.cipherSuites: " + e.getMessage());
        }
        LOG.info("federation tls preferred={}", tls.cipherSuites().isEmpty() ? "JDK defaults" : tls.cipherSuites().get(0));
        this.tls = tls;
        var anchors = Pem.readCertificates(Path.of(config.keys.signingTrust));
        this.signingAnchors = anchors;
        CertificateStore certificates = new CertificateStore(store.database());
        this.conflicts = new OriginConflicts(store.database());
        LinkStates linkStates = new LinkStates(store.database());
        this.builder = new DeliveryBuilder(self, store, certificates, signing.keyId(), signing.chain());
        this.client = new FederationClient(tls, Duration.ofSeconds(5), Duration.ofMillis(config.federation.requestTimeoutMs));

        queues = new LinkQueues(brokerUrl, links.stream().map(l -> l.id).toList());
        this.verifier = new RecordVerifier(anchors, memberAnchors);
        ReceiptCheck receipts = new ReceiptCheck(verifier::anchorsFor);
        this.inbound = new InboundService(self, verifier, router, store, certificates, audit,
                signer, signing.chain(), disk, conflicts, stored);
        for (NodeConfig.Link link : links) {
            forwarders.put(link.id, new LinkForwarder(link, config.federation, queues, store, builder, client, receipts, audit,
                    linkStates));
        }
        ownLog = new OwnLogCheck(self, links, store, client, inbound, config.federation.recordsPerDelivery);
        catchUp = new CatchUp(self, links, router, store, conflicts, client, inbound, config.federation.recordsPerDelivery);
    }

    /**
     * Opens the mutual-TLS listener with the federation API and {@code more} resources (the
     * alliance queries), built by the node after this object because they use its parts.
     */
    public void listen(List<Object> more) {
        if (config.federation.port > 0) {
            CallerPolicy policy = new CallerPolicy(router.neighbours());
            List<Object> resources = new ArrayList<>();
            resources.add(new FederationApi(policy, router, inbound, store, builder, audit, json, nationalTls, memberAnchors, revokedTls));
            resources.addAll(more);
            server = new FederationServer(config.federation.host, config.federation.port, tls, json, resources, config.federation.maxBodyBytes);
            LOG.info("federation listening url={} links={}", server.address(), forwarders.keySet());
        } else {
            LOG.info("federation listener off (federation.port is 0) links={}", forwarders.keySet());
        }
    }

    /** The client this node calls neighbours and partners with (its TLS identity). */
    public FederationClient client() { return client; }

    /** Builds records in the delivery shape: canonical text, hash, origin signature or batch seal and proof. */
    public DeliveryBuilder builder() { return builder; }

    /** The national signing roots (keys.signingTrust). */
    public List<java.security.cert.X509Certificate> signingAnchors() { return signingAnchors; }

    /** Verifies records against their origin's signature: national roots, and an alliance's roots for that member's own records. */
    public RecordVerifier verifier() { return verifier; }

    /** The national TLS roots (keys.tlsTrust), without the roots alliances add. */
    public List<java.security.cert.X509Certificate> nationalTlsAnchors() { return nationalTls; }

    /** The log consumer that queues every stored record for the links it goes to. */
    public LinkFeeder feeder() { return new LinkFeeder(router, queues); }

    public CatchUp catchUp() { return catchUp; }

    /**
     * One round of link {@code link}'s delivery, called by its routes (routes/federation-link.yaml)
     * with the retry policy the route names: attempts before the dead-letter queue and the back-off.
     */
    public int deliverNext(String link, int maxAttempts, long retryInitialDelayMs, long retryMaxDelayMs) {
        LinkForwarder f = forwarders.get(link);
        if (f == null) throw new IllegalArgumentException("no link " + link + " in this node's configuration");
        return f.deliverNext(new LinkForwarder.Retry(Math.max(1, maxAttempts), Math.max(1, retryInitialDelayMs),
                Math.max(retryInitialDelayMs, retryMaxDelayMs)));
    }

    /** Set by the node once the links' routes exist: each route's id and Camel status, for operators. */
    private volatile java.util.function.Function<String, Map<String, String>> routeStates = link -> Map.of();

    public void showRoutes(java.util.function.Function<String, Map<String, String>> routeStates) {
        this.routeStates = routeStates;
    }

    /** Ends every delivery in progress (retries stop waiting); called before the links' routes stop. */
    public void stopDelivering() {
        forwarders.values().forEach(LinkForwarder::stop);
    }

    /** The links as the configuration names them: their routes are made from the template per link. */
    public java.util.Set<String> linkIds() { return forwarders.keySet(); }

    public OriginConflicts conflicts() { return conflicts; }

    public OwnLogCheck ownLog() { return ownLog; }

    public LinkQueues queues() { return queues; }

    public Optional<LinkForwarder> link(String id) { return Optional.ofNullable(forwarders.get(id)); }

    /** A link's state and when records last went to and came from that neighbour (since start); empty if it is no link of this node. */
    public Optional<Map<String, Object>> linkActivity(String id) {
        return link(id).map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", String.valueOf(l.state().get("state")));
            m.put("recordsLastSent", l.state().get("lastSuccess"));
            m.put("recordsLastReceived", inbound.lastTakenFrom(id).map(Object::toString).orElse(null));
            return m;
        });
    }

    public List<Map<String, Object>> linkStates() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Map<String, Long>> seen = catchUp.lastSeen();
        for (LinkForwarder f : forwarders.values()) {
            Map<String, Object> s = f.state();
            s.put("role", router.roleOf(f.id()).map(Enum::name).orElse("?"));
            s.put("neighbourHolds", seen.get(f.id()));
            s.put("routes", routeStates.apply(f.id()));
            out.add(s);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        ownLog.close();
        if (server != null) server.close();
        for (LinkForwarder f : forwarders.values()) f.close();
        queues.close();
    }
}
