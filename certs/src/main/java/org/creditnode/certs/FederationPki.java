package org.creditnode.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The federation's two PKIs in one directory: a national root and per-province intermediates for
 * signing (SM2 or P-256) and for TLS (always P-256: JSSE has no SM2). Keys are created on demand
 * and never overwritten, so running it again is safe. Not for concurrent use by several processes.
 */
public final class FederationPki {
    public static final String NATIONAL_NODE = "100000";
    private static final Pattern NODE_ID = Pattern.compile("\\d{6}");
    private static final String CA_ALIAS = "ca";

    /** The two hierarchies; the name is used in file names, aliases and OU. */
    enum Hierarchy {
        SIGNING("signing"), TLS("tls");
        final String label;
        Hierarchy(String label) { this.label = label; }
    }

    private final Path dir;
    private final KeyAlgorithm signingAlg;
    private final char[] password;
    private final Map<String, NodeIdentity> cas = new HashMap<>();
    private final String rootName;

    public FederationPki(Path dir, KeyAlgorithm signingAlg, char[] password) {
        this(dir, signingAlg, password, "national root");
    }

    private FederationPki(Path dir, KeyAlgorithm signingAlg, char[] password, String rootName) {
        this.rootName = rootName;
        Crypto.ensureProvider();
        this.dir = dir;
        this.signingAlg = signingAlg;
        this.password = password.clone();
        Path root = caPem(Hierarchy.SIGNING, "root");
        if (Files.exists(root)) { // refuse to mix algorithms in one signing hierarchy
            KeyAlgorithm existing = KeyAlgorithm.of(Pem.readCertificates(root).get(0).getPublicKey());
            if (existing != signingAlg) {
                throw new IllegalStateException("PKI in " + dir + " signs with " + existing + ", not " + signingAlg);
            }
        }
    }

    /** The signing algorithm of an existing PKI directory (from its signing root). */
    public static KeyAlgorithm detectSigningAlgorithm(Path dir) {
        Path root = dir.resolve("ca").resolve("signing-root.pem");
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("no PKI in " + dir + " (missing " + root + ")");
        }
        return KeyAlgorithm.of(Pem.readCertificates(root).get(0).getPublicKey());
    }

    /** A node's first start: a private PKI of its own in {@code dir}; returns the existing files later. */
    public static NodeKeyFiles ensureSelfContained(Path dir, String nodeId, KeyAlgorithm alg, char[] password) {
        return new FederationPki(dir, alg, password).issueNode(nodeId);
    }

    /**
     * A PKI outside the national one (Hong Kong, Macau: their own roots), for the demo and tests:
     * {@code nodeId}'s keys under a root of its own in {@code dir}, so that its certificates do not
     * chain to the national root. Writes {@code roots.pem} (its signing and TLS roots: what an
     * alliance file names as the member's trustAnchors), and makes the node's own trust files hold
     * its roots plus the national ones from {@code nationalDir} (its operators trust the mainland
     * nodes they ask). Safe to run again: keys are never overwritten.
     */
    public static NodeKeyFiles createForeign(Path dir, String nodeId, KeyAlgorithm alg, char[] password, Path nationalDir) {
        FederationPki pki = new FederationPki(dir, alg, password, "foreign root " + nodeId);
        NodeKeyFiles files = pki.issueNode(nodeId);
        String own = Pem.encode(pki.root(Hierarchy.SIGNING).certificate()) + Pem.encode(pki.root(Hierarchy.TLS).certificate());
        write(dir.resolve("roots.pem"), own);
        for (Hierarchy h : Hierarchy.values()) {
            Path national = nationalDir.resolve(h.label + "-trust.pem");
            try {
                String nationalRoots = Files.exists(national) ? Files.readString(national, StandardCharsets.US_ASCII) : "";
                write(pki.trustPem(h), Pem.encode(pki.root(h).certificate()) + nationalRoots);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + national, e);
            }
        }
        return files;
    }

    public void createFederation(List<String> nodeIds) {
        nodeIds.forEach(this::issueNode);
    }

    public Path dir() { return dir; }

    public Path nodeDir(String nodeId) { return dir.resolve("nodes").resolve(nodeId); }

    /** Creates the node's signing and TLS identities unless they exist; never overwrites a key. */
    public synchronized NodeKeyFiles issueNode(String nodeId) {
        validate(nodeId);
        for (Hierarchy h : Hierarchy.values()) {
            Path p12 = nodeDir(nodeId).resolve(h.label + ".p12");
            if (!Files.exists(p12)) {
                issueLeaf(h, nodeId, p12);
            }
        }
        root(Hierarchy.SIGNING); // make sure the trust files exist even if only node files were kept
        root(Hierarchy.TLS);
        return new NodeKeyFiles(nodeDir(nodeId).resolve("signing.p12"), nodeDir(nodeId).resolve("tls.p12"),
                trustPem(Hierarchy.SIGNING), trustPem(Hierarchy.TLS));
    }

    /** Province of a node: the first two digits of the region code + "0000". */
    public static String provinceOf(String nodeId) {
        validate(nodeId);
        return nodeId.substring(0, 2) + "0000";
    }

    private static void validate(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id must be a 6-digit region code: " + nodeId);
        }
        if (nodeId.startsWith("10") && !nodeId.equals(NATIONAL_NODE)) {
            throw new IllegalArgumentException("10xxxx is reserved for the national node " + NATIONAL_NODE + ": " + nodeId);
        }
    }

    private void issueLeaf(Hierarchy h, String nodeId, Path p12) {
        NodeIdentity issuer = nodeId.equals(NATIONAL_NODE) ? root(h) : intermediate(h, provinceOf(nodeId));
        KeyPair kp = Crypto.generateKeyPair(alg(h));
        X509Certificate leaf = CertIssuer.leaf(h == Hierarchy.SIGNING ? CertIssuer.Kind.SIGNING_LEAF : CertIssuer.Kind.TLS_LEAF,
                name(nodeId, h.label), kp.getPublic(), issuer.certificate(), issuer.privateKey());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(issuer.chain());
        Path d = p12.getParent();
        write(d.resolve(h.label + ".pem"), Pem.encode(leaf));
        // chain without the root: what a peer sends, the root being configured as trust anchor
        write(d.resolve(h.label + "-chain.pem"), Pem.encode(chain.subList(0, chain.size() - 1)));
        if (h == Hierarchy.SIGNING) {
            write(d.resolve("signing-pub.pem"), Pem.encodePublicKey(kp.getPublic()));
        }
        // the key store last: its presence is what marks the node as issued
        write(p12, Keystores.store(h.label, kp.getPrivate(), chain, password));
    }

    private KeyAlgorithm alg(Hierarchy h) {
        return h == Hierarchy.SIGNING ? signingAlg : KeyAlgorithm.EC_P256;
    }

    private NodeIdentity root(Hierarchy h) {
        return ca(h, "root", () -> {
            KeyPair kp = Crypto.generateKeyPair(alg(h));
            X500Name n = name("credit-node " + rootName + " (" + h.label + ")", null);
            return new NodeIdentity(kp.getPrivate(), List.of(CertIssuer.selfSignedRoot(n, kp.getPublic(), kp.getPrivate())));
        });
    }

    private NodeIdentity intermediate(Hierarchy h, String province) {
        return ca(h, province, () -> {
            NodeIdentity root = root(h);
            KeyPair kp = Crypto.generateKeyPair(alg(h));
            X500Name n = name("credit-node province " + province + " (" + h.label + ")", null);
            X509Certificate c = CertIssuer.intermediate(n, kp.getPublic(), root.certificate(), root.privateKey());
            return new NodeIdentity(kp.getPrivate(), List.of(c, root.certificate()));
        });
    }

    /** Loads a CA from ca/<h>-<which>.p12, or creates and saves it. */
    private NodeIdentity ca(Hierarchy h, String which, Supplier<NodeIdentity> create) {
        String key = h.label + "-" + which;
        NodeIdentity ca = cas.get(key);
        if (ca != null) {
            return ca;
        }
        Path p12 = dir.resolve("ca").resolve(key + ".p12");
        if (Files.exists(p12)) {
            ca = NodeIdentity.load(p12, password, CA_ALIAS);
        } else {
            ca = create.get();
            write(caPem(h, which), Pem.encode(ca.certificate()));
            write(p12, Keystores.store(CA_ALIAS, ca.privateKey(), ca.chain(), password));
        }
        if (which.equals("root") && !Files.exists(trustPem(h))) {
            write(trustPem(h), Pem.encode(ca.certificate()));
        }
        cas.put(key, ca);
        return ca;
    }

    private Path caPem(Hierarchy h, String which) {
        return dir.resolve("ca").resolve(h.label + "-" + which + ".pem");
    }

    private Path trustPem(Hierarchy h) {
        return dir.resolve(h.label + "-trust.pem");
    }

    /** Encoded O, OU, CN (most significant first), which RFC 4514 renders as CN=..., OU=..., O=credit-node. */
    private static X500Name name(String cn, String ou) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "credit-node");
        if (ou != null) {
            b.addRDN(BCStyle.OU, ou);
        }
        return b.addRDN(BCStyle.CN, cn).build();
    }

    private static void write(Path p, String text) {
        write(p, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Write to a temp file and rename, so a crash never leaves a half-written key store. */
    private static void write(Path p, byte[] data) {
        try {
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), p.getFileName().toString(), ".tmp");
            Files.write(tmp, data);
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }
}
