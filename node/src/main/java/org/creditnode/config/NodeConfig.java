package org.creditnode.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's configuration file (config/&lt;node id&gt;.yaml). Public fields mirror the YAML keys one to
 * one so that the file an operator reads is the whole truth; {@link #resolve} fills defaults and
 * turns relative paths into absolute ones.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class NodeConfig {

    public Node node = new Node();
    /** Data folder: database, broker journal and generated keys live below it unless set apart. */
    public String data;
    public Storage storage = new Storage();
    public Broker broker = new Broker();
    public Keys keys = new Keys();
    public Http http = new Http();
    public Admin admin = new Admin();
    public Audit audit = new Audit();
    public Ingest ingest = new Ingest();
    public Workflows workflows = new Workflows();
    public Federation federation = new Federation();
    public Subscriptions subscriptions = new Subscriptions();
    public Quality quality = new Quality();
    /** Catalogue, region table and holiday calendar; default: beside the configuration file. */
    public String catalogue;
    public String regions;
    public String holidays;
    /** Purposes authorised reads may name (config/purposes.yaml); default: beside the configuration file. */
    public String purposes;
    /** List types and measure lists for matching (config/measures.yaml); default: beside the configuration file. */
    public String measures;
    /** Dated publicity and repair rule sets (config/rules.yaml); default: beside the configuration file. */
    public String rules;
    /** Scoring rules of the yearly public-credit grade (config/grades.yaml); default: beside the configuration file. */
    public String grades;
    public Report report = new Report();
    /** Folder of Camel YAML route files; default: ../routes from the configuration file. */
    public String routes;
    /** Folder of the alliance files named in node.alliances (&lt;id&gt;.yaml); default: alliances/ beside the configuration file. */
    public String alliancesDir;

    /** Where the file was read from; relative paths of the catalogue and routes resolve against it. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Path source;

    public enum Level { national, province, city, county }

    public static final class Node {
        public String id;
        public String name;
        public Level level;
        public Link parent;
        public List<Link> children = new ArrayList<>();
        public List<Link> peers = new ArrayList<>();
        public List<String> alliances = new ArrayList<>();
    }

    public static final class Link {
        public String id;
        public String url;
        /** For peers: the categories this link may carry (the sharing policy). */
        public List<String> categories = new ArrayList<>();
    }

    public static final class Storage {
        /** JDBC URL; default jdbc:h2:file:&lt;data&gt;/db. PostgreSQL: jdbc:postgresql://host:5432/db */
        public String url;
        public String user = "";
        public String password = "";
        public int poolSize = 8;
        /**
         * Free space kept on the file systems of the database and the broker journal: below it new
         * records are refused (507 / 503) and /health is DOWN, reads go on. A size ("256MiB",
         * "1GiB") or a share of the file system ("5%").
         */
        public String minFree = "256MiB";
    }

    public static final class Broker {
        public boolean embedded = true;
        public String dataDir;
        /** For an external broker (embedded: false): e.g. tcp://127.0.0.1:61616 */
        public String url;
    }

    public static final class Keys {
        /** SM2 (default, SM2 with SM3) or EC_P256 (ECDSA P-256 with SHA-256). */
        public String algorithm = "SM2";
        /** PKCS#12 with alias "signing"; default &lt;data&gt;/keys/nodes/&lt;id&gt;/signing.p12, created on first start. */
        public String signingKeystore;
        public String tlsKeystore;
        /** PEM bundles of the federation's trust anchors. */
        public String signingTrust;
        public String tlsTrust;
        /**
         * Development only: a PKI folder made by the certs tool (with its CA keys). On first start the
         * node issues itself signing and TLS keys from it, so that all nodes of a demo federation
         * started from one folder share trust anchors. Production nodes name their keystores instead.
         */
        public String pki;
        /**
         * PKCS#12 with the keys for personal data at rest (SM4 data keys, the HMAC-SM3 index key);
         * default beside the signing keystore, created on first start. Back it up with the database.
         */
        public String dataKeystore;
        /** Keystore password; the environment variable CREDIT_KEY_PASSWORD overrides it. */
        public String password = "changeit";
    }

    public static final class Http {
        public String host = "127.0.0.1";
        public int port = 8080;
        /** Largest request body accepted, in bytes. */
        public long maxBodyBytes = 16L * 1024 * 1024;
        /**
         * Serve HTTPS with the node's TLS certificate (keys.tlsKeystore). Required when host is not
         * a loopback address: API keys and personal data never cross a network in clear.
         */
        public boolean tls = false;
        /** Requests per second an account may send unless its own rateLimit says otherwise (429 beyond). */
        public int rateLimit = 200;
        /** A connection that sends nothing for this long is closed (a stalled body: 408). */
        public long idleTimeoutMs = 30_000;
        /** A request body that has not fully arrived after this long is cut off with 408 (a trickling client holds no thread for long). */
        public int maxRequestSeconds = 60;
    }

    /** The operators' listener (/admin/v1): its own host and port, loopback by default. */
    public static final class Admin {
        public String host = "127.0.0.1";
        /** Default: the department port + 1. */
        public Integer port;
    }

    public static final class Audit {
        /** How often the audit chain's head is signed (when it moved); 0 = only on demand and at stop. */
        public int sealIntervalSeconds = 300;
        /** Where "admin audit archive" writes signed archive files; default &lt;data&gt;/audit-archive. */
        public String archiveDir;
    }

    /** The sanctions workflows' jobs and deadlines (issue 11). */
    public static final class Workflows {
        /** How often the list-expiry job looks for entries whose validity ended (seconds). */
        public int listExpiryCheckSeconds = 3600;
        /** Joint actions: days an implementer has to respond when the initiator sets no date. */
        public int jointActionRespondDays = 10;
        /** Joint actions: days after accepting within which feedback on each measure is due. */
        public int jointActionFeedbackDays = 30;
        /** Objections: calendar days from receipt within which the origin decides (征信业管理条例 art. 25: 20). */
        public int objectionDueDays = 20;
    }

    /** Credit reports (信用报告). */
    public static final class Report {
        /**
         * A TrueType font (.ttf, .ttc) with Chinese glyphs, embedded in PDF reports; default: the
         * first found of the usual places (Debian: fonts-wqy-zenhei). A named font that is missing
         * or unusable stops the node; none found leaves PDF reports unavailable (503), HTML works.
         */
        public String font;
    }

    /** Timeliness and data-quality figures (迟报率 / 错误率 / 漏报率). */
    public static final class Quality {
        /** A record is late when it arrives more than this many working days after its decision (双公示: 7). */
        public int lateAfterWorkingDays = 7;
        /** How often this node sends its figures up as QUALITY_STATISTICS records (seconds; daily). */
        public int publishEverySeconds = 86_400;
        /** Months sent each time: this one and the ones before it (3: a quarter's late arrivals are still sent). */
        public int sendMonths = 3;
    }

    public static final class Ingest {
        /** Largest batch a department may submit in one request. */
        public int maxBatch = 1000;
        /** "batch": one signature per commit group over a Merkle root; "record": one signature per record. */
        public String signing = "batch";
        /** Most records the committer signs and writes in one database transaction. */
        public int maxCommitRecords = 4000;
        /** Submissions waiting for the committer before new ones are refused with 503. */
        public int queueCapacity = 64;
    }

    public static final class Federation {
        /**
         * Address of the mutual-TLS listener for other nodes. Default loopback, as the demo runs on
         * one machine; production nodes bind it to the interface their neighbours reach (only
         * callers with a federation certificate get past the handshake).
         */
        public String host = "127.0.0.1";
        /** Port of the mutual-TLS listener for other nodes; 0 = this node takes no federation calls. */
        public int port = 0;
        /** Most records sent to a neighbour in one delivery. */
        public int recordsPerDelivery = 2000;
        /** Deliveries in flight per link (1 keeps strict order; more keep both ends busy). */
        public int parallelDeliveries = 2;
        /** Delivery attempts of one message before it goes to the link's dead-letter queue. */
        public int maxAttempts = 30;
        public long retryInitialDelayMs = 200;
        public long retryMaxDelayMs = 30_000;
        public long requestTimeoutMs = 30_000;
        /**
         * After a start that did not follow a clean stop: how long new records wait (503 RECOVERING)
         * for a neighbour to confirm what it holds of this node's own log (see OwnLogCheck).
         */
        public long ownLogCheckMs = 10_000;
        /** Largest delivery accepted from a neighbour, in bytes (a full delivery of 2,000 records is ~5 MB). */
        public long maxBodyBytes = 64L * 1024 * 1024;
        /**
         * TLS cipher suites offered and accepted on federation links, in order of preference; empty =
         * the JDK's defaults (AES-GCM first: fastest with the default JIT, which uses AES-NI and
         * carry-less multiply), with ChaCha20-Poly1305 moved first on a C1-only JVM. A neighbour
         * must share at least one.
         */
        public List<String> cipherSuites = List.of();
    }

    /** Subscriptions pushed to department callbacks (HTTPS). */
    public static final class Subscriptions {
        /**
         * Trust anchors for callbacks besides the JDK's default trust store: a PEM file of
         * certificates or a PKCS12 trust store (password keys.password); empty = the JDK's only.
         */
        public String callbackTrust;
        /**
         * Attempts of one batch before it is dead-lettered and the subscription waits for a replay;
         * the defaults keep trying for about a day (160 attempts, at most 10 minutes apart).
         */
        public int maxAttempts = 160;
        public long retryInitialDelayMs = 1_000;
        public long retryMaxDelayMs = 600_000;
        /** Most records in one pushed body. */
        public int batchSize = 500;
        /** Longest wait for a callback's connection, TLS handshake and answer. */
        public long timeoutMs = 10_000;
    }

    public static NodeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file not found: " + file.toAbsolutePath());
        }
        NodeConfig c = StrictYaml.read(file, NodeConfig.class);
        c.source = file.toAbsolutePath().normalize();
        return c;
    }

    /** Applies command-line overrides and defaults, checks what must be there, and makes paths absolute. */
    public NodeConfig resolve(Integer portOverride, String dataOverride) {
        if (node == null || node.id == null || !node.id.matches("\\d{6}")) {
            throw new ConfigException("node.id must be a 6-digit region code (e.g. \"360404\"), got " + (node == null ? null : node.id));
        }
        if (node.level == null) {
            throw new ConfigException("node.level must be one of national, province, city, county");
        }
        if (portOverride != null) http.port = portOverride;
        if (dataOverride != null) data = dataOverride;
        if (data == null) data = "data/" + node.id;
        Path dataDir = Path.of(data).toAbsolutePath().normalize();
        data = dataDir.toString();
        Path configDir = source == null ? Path.of(".").toAbsolutePath() : source.getParent();
        if (storage.url == null) storage.url = "jdbc:h2:file:" + dataDir.resolve("db");
        if (broker.dataDir == null) broker.dataDir = dataDir.resolve("broker").toString();
        Path keyDir = keys.pki != null ? Path.of(keys.pki).toAbsolutePath().normalize() : dataDir.resolve("keys");
        if (keys.pki != null) keys.pki = keyDir.toString();
        if (keys.signingKeystore == null) keys.signingKeystore = keyDir.resolve("nodes").resolve(node.id).resolve("signing.p12").toString();
        if (keys.tlsKeystore == null) keys.tlsKeystore = keyDir.resolve("nodes").resolve(node.id).resolve("tls.p12").toString();
        if (keys.signingTrust == null) keys.signingTrust = keyDir.resolve("signing-trust.pem").toString();
        if (keys.tlsTrust == null) keys.tlsTrust = keyDir.resolve("tls-trust.pem").toString();
        if (keys.dataKeystore == null) keys.dataKeystore = keyDir.resolve("nodes").resolve(node.id).resolve("data.p12").toString();
        if (admin.port == null) admin.port = http.port + 1;
        if (audit.archiveDir == null) audit.archiveDir = dataDir.resolve("audit-archive").toString();
        String envPassword = System.getenv("CREDIT_KEY_PASSWORD");
        if (envPassword != null && !envPassword.isEmpty()) keys.password = envPassword;
        catalogue = resolveAgainst(configDir, catalogue, "catalog.yaml");
        regions = resolveAgainst(configDir, regions, "regions.yaml");
        holidays = resolveAgainst(configDir, holidays, "holidays.yaml");
        purposes = resolveAgainst(configDir, purposes, "purposes.yaml");
        measures = resolveAgainst(configDir, measures, "measures.yaml");
        rules = resolveAgainst(configDir, rules, "rules.yaml");
        grades = resolveAgainst(configDir, grades, "grades.yaml");
        if (report.font != null) report.font = resolveAgainst(configDir, report.font, null);
        routes = resolveAgainst(configDir, routes, "../routes");
        alliancesDir = resolveAgainst(configDir, alliancesDir, "alliances");
        if (ingest.maxBatch < 1) throw new ConfigException("ingest.maxBatch must be at least 1");
        if (!ingest.signing.equals("batch") && !ingest.signing.equals("record")) {
            throw new ConfigException("ingest.signing must be \"batch\" or \"record\", got \"" + ingest.signing + "\"");
        }
        if (subscriptions.callbackTrust != null) subscriptions.callbackTrust = resolveAgainst(configDir, subscriptions.callbackTrust, null);
        if (subscriptions.maxAttempts < 1 || subscriptions.batchSize < 1 || subscriptions.batchSize > 1000) {
            throw new ConfigException("subscriptions: maxAttempts must be at least 1 and batchSize 1 to 1000");
        }
        if (quality.lateAfterWorkingDays < 0 || quality.sendMonths < 1 || quality.publishEverySeconds < 60) {
            throw new ConfigException("quality: lateAfterWorkingDays must be 0 or more, sendMonths at least 1, publishEverySeconds at least 60");
        }
        checkLinks();
        checkListeners();
        if (federation.port > 0 && federation.port == http.port) {
            throw new ConfigException(where("port: " + federation.port, 2) + ": federation.port and http.port are both " + http.port
                    + "; give each listener its own port");
        }
        return this;
    }

    /** Three listeners, three ports; plain HTTP only where nothing leaves the machine. */
    private void checkListeners() {
        if (admin.port.equals(http.port) || (federation.port > 0 && admin.port == federation.port)) {
            throw new ConfigException(where("admin:", 1) + ": admin.port " + admin.port
                    + " is taken by another listener; the admin API has its own port");
        }
        if (!http.tls && !isLoopback(http.host)) {
            throw new ConfigException(where("host: " + http.host, 1) + ": http.host " + http.host + " is reachable from other machines; "
                    + "set http.tls: true (HTTPS with the node's TLS certificate) or bind to 127.0.0.1 behind a TLS proxy");
        }
        if (!isLoopback(admin.host)) {
            org.slf4j.LoggerFactory.getLogger(NodeConfig.class).warn("admin.host {} is not loopback: keep the admin listener "
                    + "on an operator network only", admin.host);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** Every neighbour once, never this node itself, each reached over mutual TLS. */
    private void checkLinks() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Link l : links()) {
            if (l == null || l.id == null || !l.id.matches("\\d{6}")) {
                throw new ConfigException(where("id:", 1) + ": every parent, child and peer needs an id, a 6-digit region code");
            }
            if (l.id.equals(node.id)) {
                throw new ConfigException(where("\"" + l.id + "\"", 2) + ": node " + l.id + " names itself as a neighbour");
            }
            if (!seen.add(l.id)) {
                throw new ConfigException(where("\"" + l.id + "\"", 2) + ": neighbour " + l.id
                        + " is named twice (a node is parent, child or peer, once)");
            }
            if (l.url == null || !l.url.startsWith("https://")) {
                throw new ConfigException(where(l.url == null ? l.id : l.url, 1) + ": neighbour " + l.id + " has url " + l.url
                        + "; neighbours are reached over mutual TLS only: use https://host:port of its federation listener");
            }
        }
    }

    private String where(String text, int occurrence) {
        return source == null ? "configuration" : StrictYaml.locate(source, text, occurrence);
    }

    private static String resolveAgainst(Path dir, String value, String dflt) {
        return dir.resolve(value == null ? dflt : value).toAbsolutePath().normalize().toString();
    }

    public Path dataDir() { return Path.of(data); }

    public Path keyDir() { return keys.pki != null ? Path.of(keys.pki) : dataDir().resolve("keys"); }

    /** Every neighbour: parent, children and peers. */
    public List<Link> links() {
        List<Link> all = new ArrayList<>();
        if (node.parent != null) all.add(node.parent);
        all.addAll(node.children);
        all.addAll(node.peers);
        return all;
    }
}
