package org.creditnode.certs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command line for operators: create a federation PKI, issue one more node, inspect a file. */
public final class CertsCli {
    static final int OK = 0, FAILED = 1, USAGE = 2;
    static final String PASSWORD_ENV = "CREDIT_KEY_PASSWORD";

    static final String USAGE_TEXT = """
            Usage: java -jar credit-certs-cli.jar <command> [options]

            Commands:
              federation --out DIR --nodes ID,ID,... [--alg SM2|EC_P256]
                  Create (or complete) a federation PKI in DIR: a national root CA and one
                  intermediate CA per province, for signing and for TLS, plus every listed node's
                  key stores. Existing keys are kept, never overwritten.
              issue --dir DIR --node ID [--alg SM2|EC_P256]
                  Issue one more node in the existing PKI in DIR (--alg defaults to the PKI's own).
              foreign --dir DIR --node ID --national NATIONAL_DIR [--alg SM2|EC_P256]
                  A PKI outside the national one for node ID (Hong Kong 810000, Macau 820000):
                  a root of its own, so its certificates do not chain to the national root.
                  DIR/roots.pem is what an alliance file names as the member's trustAnchors;
                  the node's own trust files also hold NATIONAL_DIR's roots.
              show FILE.p12|FILE.pem
                  Print subject, issuer, algorithm, validity and key id of the certificates.
              help
                  Print this text.

            Options:
              --out, --dir DIR  PKI directory (ca/, nodes/<id>/, signing-trust.pem, tls-trust.pem)
              --nodes LIST      comma-separated 6-digit region codes, e.g.
                                100000,360000,360400,360404 (100000 = national node, issued by
                                the root; others by the intermediate of province <first 2 digits>0000)
              --node ID         one region code
              --alg ALG         signing PKI algorithm: SM2 (default, SM3withSM2) or EC_P256
                                (SHA256withECDSA). The TLS PKI is always EC P-256.

            Environment:
              CREDIT_KEY_PASSWORD  password of the PKCS#12 files (default "changeit")

            Exit codes: 0 ok, 1 failure, 2 bad usage.
            """;

    private CertsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs a command and returns the exit code (tests call this instead of main). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String cmd = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        char[] password = env.getOrDefault(PASSWORD_ENV, "changeit").toCharArray();
        try {
            switch (cmd) {
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    return OK;
                }
                case "federation" -> {
                    Map<String, String> o = options(rest, Set.of("--out", "--nodes", "--alg"));
                    Path dir = Path.of(required(o, "--out"));
                    List<String> nodes = new ArrayList<>();
                    for (String n : required(o, "--nodes").split(",")) {
                        if (!n.isBlank()) {
                            nodes.add(n.trim());
                        }
                    }
                    KeyAlgorithm alg = alg(o.getOrDefault("--alg", "SM2"));
                    FederationPki pki = new FederationPki(dir, alg, password);
                    pki.createFederation(nodes);
                    out.println("PKI in " + dir.toAbsolutePath() + " (signing " + alg + ", TLS EC_P256)");
                    for (String n : nodes) {
                        summary(out, pki, n, password);
                    }
                    return OK;
                }
                case "issue" -> {
                    Map<String, String> o = options(rest, Set.of("--dir", "--node", "--alg"));
                    Path dir = Path.of(required(o, "--dir"));
                    String node = required(o, "--node");
                    KeyAlgorithm alg = o.containsKey("--alg") ? alg(o.get("--alg"))
                            : FederationPki.detectSigningAlgorithm(dir);
                    FederationPki pki = new FederationPki(dir, alg, password);
                    pki.issueNode(node);
                    summary(out, pki, node, password);
                    return OK;
                }
                case "foreign" -> {
                    Map<String, String> o = options(rest, Set.of("--dir", "--node", "--national", "--alg"));
                    Path dir = Path.of(required(o, "--dir"));
                    String node = required(o, "--node");
                    FederationPki.createForeign(dir, node, alg(o.getOrDefault("--alg", "SM2")), password, Path.of(required(o, "--national")));
                    out.println("foreign PKI for " + node + " in " + dir.toAbsolutePath() + "; alliance trust anchors: " + dir.resolve("roots.pem"));
                    return OK;
                }
                case "show" -> {
                    if (rest.size() != 1 || rest.get(0).startsWith("--")) {
                        throw new UsageException("show takes exactly one file name");
                    }
                    show(out, Path.of(rest.get(0)), password);
                    return OK;
                }
                default -> throw new UsageException("unknown command '" + cmd + "'");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'help' for usage.");
            return USAGE;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String m) { super(m); }
    }

    /** "--key value" pairs; anything not in {@code allowed} is a usage error. */
    private static Map<String, String> options(List<String> args, Set<String> allowed) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String k = args.get(i);
            if (!allowed.contains(k)) {
                throw new UsageException((k.startsWith("-") ? "unknown option '" : "unexpected argument '") + k
                        + "'; allowed: " + String.join(" ", allowed.stream().sorted().toList()));
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("option " + k + " needs a value");
            }
            o.put(k, args.get(++i));
        }
        return o;
    }

    private static KeyAlgorithm alg(String s) {
        try {
            return KeyAlgorithm.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String required(Map<String, String> o, String k) {
        String v = o.get(k);
        if (v == null || v.isBlank()) {
            throw new UsageException("missing required option " + k);
        }
        return v;
    }

    private static void summary(PrintStream out, FederationPki pki, String nodeId, char[] password) {
        NodeKeyFiles f = pki.issueNode(nodeId); // returns the existing files
        out.println("node " + nodeId + "  (" + pki.nodeDir(nodeId) + ")");
        for (var e : Map.of("signing", f.signingKeystore(), "tls", f.tlsKeystore()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            NodeIdentity id = NodeIdentity.load(e.getValue(), password, e.getKey());
            out.printf(Locale.ROOT, "  %-7s %s  key id %s  %s  issuer %s%n", e.getKey(), e.getValue().getFileName(),
                    id.keyId(), id.certificate().getSubjectX500Principal().getName(),
                    NodeIdentity.commonName(id.chain().get(1)));
        }
    }

    private static void show(PrintStream out, Path file, char[] password) {
        List<X509Certificate> certs = new ArrayList<>();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".p12")) {
            KeyStore ks = Keystores.load(file, password);
            try {
                for (String alias : Collections.list(ks.aliases())) {
                    out.println("alias " + alias + (ks.isKeyEntry(alias) ? " (private key + chain)" : ""));
                    if (ks.isKeyEntry(alias)) {
                        certs.addAll(NodeIdentity.load(file, password, alias).chain());
                    }
                }
            } catch (java.security.KeyStoreException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        } else {
            certs.addAll(Pem.readCertificates(file));
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("no certificates in " + file);
        }
        for (X509Certificate c : certs) {
            out.println("subject   " + c.getSubjectX500Principal().getName());
            out.println("issuer    " + c.getIssuerX500Principal().getName());
            out.println("algorithm " + KeyAlgorithm.of(c.getPublicKey()) + " key, signed " + c.getSigAlgName());
            out.println("valid     " + CertIssuer.utc(c.getNotBefore()) + " .. " + CertIssuer.utc(c.getNotAfter()));
            out.println("key id    " + NodeIdentity.keyId(c));
            out.println("serial    " + c.getSerialNumber().toString(16));
            out.println();
        }
    }
}
