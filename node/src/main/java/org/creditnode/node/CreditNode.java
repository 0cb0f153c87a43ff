package org.creditnode.node;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.creditnode.access.AccessControl;
import org.creditnode.store.AccountStore;
import org.creditnode.access.PurposeReads;
import org.creditnode.access.Purposes;
import org.creditnode.api.AccessAdminApi;
import org.creditnode.api.AdminApi;
import org.creditnode.api.AllianceQueriesApi;
import org.creditnode.api.AlliancesAdminApi;
import org.creditnode.alliance.AllianceActivity;
import org.creditnode.alliance.AllianceView;
import org.creditnode.alliance.Alliances;
import org.creditnode.alliance.PartnerQueries;
import org.creditnode.alliance.QueryAnswers;
import org.creditnode.api.AdminOpenApiDocument;
import org.creditnode.api.DepartmentGate;
import org.creditnode.api.OperatorGate;
import org.creditnode.api.PublicApi;
import org.creditnode.api.ReviewsApi;
import org.creditnode.api.ChecksApi;
import org.creditnode.api.CheckPage;
import org.creditnode.api.SubscriptionsApi;
import org.creditnode.api.SubscriptionsAdminApi;
import org.creditnode.store.RecognitionSwitches;
import org.creditnode.store.Subscriptions;
import org.creditnode.workflows.subscription.Callbacks;
import org.creditnode.workflows.subscription.PushRoutes;
import org.creditnode.workflows.subscription.SubscriptionPush;
import org.creditnode.workflows.subscription.SubscriptionService;
import org.creditnode.store.SubscriptionPushes;
import org.creditnode.store.ListEntries;
import org.creditnode.workflows.matching.MatchingIndexer;
import org.creditnode.workflows.matching.MatchingService;
import org.creditnode.workflows.matching.MeasureList;
import org.creditnode.ingest.ReviewService;
import org.creditnode.store.PendingReviews;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.policy.Neighbours;
import org.creditnode.policy.Policies;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Role;
import org.creditnode.privacy.DataKeys;
import org.creditnode.privacy.PersonalData;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.store.AuditChain;
import org.creditnode.store.Reencryption;
import org.creditnode.api.ApiServer;
import org.creditnode.api.CertificateBook;
import org.creditnode.api.HealthApi;
import org.creditnode.api.ListsApi;
import org.creditnode.alliance.Recognition;
import org.creditnode.api.RepairsApi;
import org.creditnode.workflows.repair.RepairService;
import org.creditnode.record.RuleSets;
import org.creditnode.api.ObjectionsApi;
import org.creditnode.store.DueProcess;
import org.creditnode.workflows.objection.DueProcessIndexer;
import org.creditnode.workflows.objection.Holders;
import org.creditnode.workflows.objection.ObjectionService;
import org.creditnode.api.MeasureListAdminApi;
import org.creditnode.workflows.matching.MeasureLists;
import org.creditnode.workflows.matching.MeasureListPublication;
import org.creditnode.store.MeasureListVersions;
import org.creditnode.api.JointActionsApi;
import org.creditnode.api.QualityAdminApi;
import org.creditnode.api.QualityApi;
import org.creditnode.workflows.quality.Quality;
import org.creditnode.workflows.quality.QualityService;
import org.creditnode.api.OpenApiDocument;
import org.creditnode.api.RecordsApi;
import org.creditnode.api.ReportsApi;
import org.creditnode.workflows.grade.GradeRules;
import org.creditnode.workflows.grade.Grades;
import org.creditnode.workflows.report.CjkFont;
import org.creditnode.workflows.report.CreditReports;
import org.creditnode.broker.EmbeddedBroker;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.creditnode.federation.Federation;
import org.creditnode.ingest.GroupCommitter;
import org.creditnode.ingest.IngestService;
import org.creditnode.ingest.RecordSealer;
import org.creditnode.record.Catalogue;
import org.creditnode.record.RecordValidator;
import org.creditnode.record.RegionCodes;
import org.creditnode.sign.Signer;
import org.creditnode.route.LinkRouter;
import org.creditnode.store.AuditLog;
import org.creditnode.store.CleanStop;
import org.creditnode.store.Database;
import org.creditnode.store.LogCursors;
import org.creditnode.store.RecordLog;
import org.creditnode.log.JobLease;
import org.creditnode.workflows.lists.ListExits;
import org.creditnode.workflows.lists.Shielding;
import org.creditnode.workflows.jointaction.JointActionIndexer;
import org.creditnode.workflows.jointaction.JointActionService;
import org.creditnode.store.JointActions;
import org.creditnode.log.LogConsumers;
import org.creditnode.log.LogSignal;
import org.creditnode.store.DiskReserve;
import org.creditnode.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One running node: the parts of the data's path, started in order and stopped in reverse.
 * Everything a part needs is handed to it here; no part looks another up by itself.
 */
public final class CreditNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CreditNode.class);

    private final NodeConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final RecordStore store;
    private final ApiServer api;
    private final ApiServer admin;
    private final long startMillis;

    private CreditNode(NodeConfig config, Clock clock) throws Exception {
        this.config = config;
        long t0 = System.nanoTime();
        try {
        String id = config.node.id;
        // Every log line of this process names the node (all threads, not only this one).
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext lc) lc.putProperty("node", id);
        Files.createDirectories(config.dataDir());
        ObjectMapper json = jsonMapper();

        Catalogue catalogue = Catalogue.load(Path.of(config.catalogue));
        RegionCodes regions = RegionCodes.load(Path.of(config.regions));
        RecordValidator validator = new RecordValidator(catalogue, regions, clock);

        NodeIdentity signing = signingIdentity(config);
        Signer signer = Signer.forKey(signing.privateKey(), signing.keyId());

        Database db = closeLater(new Database(config.storage));
        RecordCipher cipher = new RecordCipher(DataKeys.open(Path.of(config.keys.dataKeystore), config.keys.password.toCharArray()),
                PersonalData.from(catalogue));
        store = new RecordStore(db, cipher);
        DiskReserve disk = new DiskReserve(storagePaths(config), config.storage.minFree);
        boolean cleanStop = CleanStop.consume(config.dataDir(), store.head(id));
        // Closed in reverse order: this runs after everything started later has stopped, just before the database closes.
        closeLater(() -> CleanStop.write(config.dataDir(), store.head(id)));

        EmbeddedBroker broker = config.broker.embedded
                ? closeLater(new EmbeddedBroker(Path.of(config.broker.dataDir), Integer.parseInt(id))) : null;

        AuditLog audit = new AuditLog(db, clock);
        AuditChain auditChain = new AuditChain(audit, signer, signing.certificate().getPublicKey(), clock);
        closeLater(() -> auditChain.seal()); // the chain's head at a clean stop is signed
        Reencryption reencryption = new Reencryption(db, cipher);
        reencryption.checkKeys();
        PolicyEngine policies = Policies.standard(Neighbours.of(config));
        Purposes purposes = Purposes.load(Path.of(config.purposes), catalogue);
        RuleSets ruleSets = RuleSets.load(Path.of(config.rules), catalogue);
        MeasureLists measureList = new MeasureLists(MeasureList.load(Path.of(config.measures), catalogue, purposes));
        PendingReviews pendingReviews = new PendingReviews(db, cipher);
        AccessControl access = new AccessControl(new AccountStore(db), catalogue, purposes, clock, config.http.rateLimit);
        access.bootstrap(config.dataDir().resolve("admin.token"));
        LinkRouter router = new LinkRouter(config, catalogue);
        String brokerUrl = broker != null ? broker.url() : config.broker.url;
        LogSignal stored = new LogSignal();
        Alliances alliances = Alliances.load(id, config.node.alliances, Path.of(config.alliancesDir), catalogue, purposes);
        Federation federation = closeLater(new Federation(config, router, store, audit, brokerUrl, signing, signer, json, disk, stored,
                alliances.memberAnchors(), alliances.revokedCertificates()));
        AllianceActivity allianceActivity = new AllianceActivity();
        federation.listen(List.of(new AllianceQueriesApi(new QueryAnswers(id, alliances, policies, store, federation.builder(), catalogue,
                cipher, signer, signing.chain(), federation.nationalTlsAnchors(), audit, allianceActivity, json, clock))));

        GroupCommitter committer = closeLater(new GroupCommitter(store,
                new RecordSealer(id, signer, config.ingest.signing.equals("batch")), id,
                config.ingest.maxCommitRecords, config.ingest.queueCapacity, clock));
        committer.addListener(group -> stored.committed()); // queued for the links before the department's 2xx
        RecordLog recordLog = new RecordLog(db);
        LogCursors cursors = new LogCursors(db);
        LogConsumers consumers = closeLater(new LogConsumers(recordLog, cursors, stored, instanceName(id, config), 10_000, 5_000));
        consumers.start(federation.feeder());
        ListEntries listEntries = new ListEntries(db);
        consumers.start(new MatchingIndexer(store, listEntries, cipher, json));
        JointActions jointActions = new JointActions(db);
        JointActionIndexer jointIndexer = new JointActionIndexer(store, jointActions, json);
        consumers.start(jointIndexer);
        JobLease jobs = new JobLease(cursors, consumers.owner(), 15_000);
        federation.catchUp().runOnlyWhen(jobs::mayRun);
        federation.ownLog().start(cleanStop, java.time.Duration.ofMillis(config.federation.ownLogCheckMs));
        IngestService ingest = new IngestService(validator, catalogue, committer, config.ingest.maxBatch, disk,
                () -> federation.ownLog().refusal(), policies, audit, pendingReviews, clock, ruleSets);
        MeasureListPublication measurePublication = new MeasureListPublication(measureList, new MeasureListVersions(db), store, ingest,
                catalogue, purposes, audit, json, clock, via -> via == null || router.roleOf(via).orElse(null) == Role.PARENT);
        measurePublication.reload();
        consumers.start(measurePublication);
        DueProcess dueProcess = new DueProcess(db);
        DueProcessIndexer dueIndexer = new DueProcessIndexer(id, store, dueProcess, ingest, policies, json, clock);
        consumers.start(dueIndexer);
        Holders holders = new Holders(id, config.node.parent == null ? null : config.node.parent.id,
                config.node.children.stream().map(l -> l.id).toList(), dueProcess, catalogue);
        QualityService quality = Quality.wire(config, store, db, catalogue, ingest, consumers, json, clock, audit, policies, purposes, cipher);
        closeLater(quality.startJob(jobs, config.quality.publishEverySeconds));

        Main camel = startCamel(config, Map.of("ingestService", ingest, "catchUp", federation.catchUp(), "links", federation));
        closeLater(camel::stop);
        startLinkRoutes(camel.getCamelContext(), federation, config.federation);
        closeLater(federation::stopDelivering); // first of all at a stop: rounds in progress end, then the routes stop

        CertificateBook certificates = keyId -> keyId.equals(signing.keyId()) ? Optional.of(signing.chain()) : Optional.empty();
        HealthApi health = new HealthApi(json)
                .check("database", db::isReachable)
                .check("camel", () -> camel.getCamelContext().isStarted())
                .checkWithReason("disk", () -> disk.shortage().map(DiskReserve.Shortage::message))
                .detail("node", () -> id)
                .detail("commitQueue", committer::queued)
                .detail("conflicts", () -> conflictStates(federation))
                .detail("log", () -> logState(recordLog, cursors))
                .detail("ownLog", () -> Map.of("state", federation.ownLog().state(), "detail", federation.ownLog().detail()));
        if (broker != null) health.check("broker", broker::isActive);
        ListExits listExits = new ListExits(id, store, listEntries, ingest, policies, audit, clock);
        background(config, auditChain, reencryption, jobs, listExits);
        TlsMaterial departmentTls = config.http.tls ? TlsMaterial.load(Path.of(config.keys.tlsKeystore),
                config.keys.password.toCharArray(), Path.of(config.keys.tlsTrust)) : null;
        PurposeReads reads = new PurposeReads(purposes, policies, audit, cipher, clock);
        Grades grades = new Grades(store, GradeRules.load(Path.of(config.grades), catalogue), json);
        Recognition recognition = new Recognition(alliances, policies, new RecognitionSwitches(db), clock);
        MatchingService matching = new MatchingService(listEntries, store, measureList,
                policies, reads, cipher, signer, json, clock, grades, recognition);
        Optional<CjkFont> reportFont = CjkFont.find(config.report.font);
        if (reportFont.isEmpty()) LOG.warn("PDF reports unavailable: {}", CjkFont.missingMessage());
        ReportsApi reports = new ReportsApi(new CreditReports(id, store, catalogue, purposes, reads, measureList, grades, json, clock),
                reportFont, signer, certificates, json);
        Subscriptions subscriptionStore = new Subscriptions(db);
        Callbacks callbacks = Callbacks.from(config.subscriptions, config.keys.password.toCharArray());
        SubscriptionService subscriptions = new SubscriptionService(subscriptionStore, new SubscriptionPushes(db), callbacks, recordLog,
                store, catalogue, purposes, measureList, reads, cipher, json, clock);
        SubscriptionsApi subscriptionsApi = new SubscriptionsApi(subscriptions, store, json, clock);
        api = closeLater(new ApiServer(config.http.host, config.http.port, departmentTls, json, List.of(
                new RecordsApi(camel.getCamelTemplate(), store, json, certificates, config.http.maxBodyBytes,
                        java.time.Duration.ofSeconds(config.http.maxRequestSeconds), clock, reads),
                health, new OpenApiDocument(), new PublicApi(store, catalogue, policies, json, clock),
                new ReviewsApi(new ReviewService(pendingReviews, ingest, policies, audit, json, clock), json), new ChecksApi(matching),
                new ListsApi(listExits, new Shielding(id, store, ingest, catalogue, policies, audit, json, clock)), new ObjectionsApi(new ObjectionService(id, store, dueProcess, dueIndexer, ingest, catalogue, policies,
                        holders, audit, json, clock, config.workflows.objectionDueDays)),
                new RepairsApi(new RepairService(id, store, dueProcess, dueIndexer, ingest, ruleSets, policies, holders, audit, json, clock)),
                new JointActionsApi(new JointActionService(id, store, jointActions, jointIndexer, ingest,
                        measureList, reads, audit, json, clock, config.workflows.jointActionRespondDays, config.workflows.jointActionFeedbackDays,
                        recognition)),
                subscriptionsApi, new CheckPage(), reports, new QualityApi(quality)),
                List.of(new DepartmentGate(access, audit)), new ApiServer.Limits(config.http.maxBodyBytes, config.http.idleTimeoutMs)));
        admin = closeLater(new ApiServer(config.admin.host, config.admin.port, null, json, List.of(
                new AdminApi(federation, store, audit), new MeasureListAdminApi(measureList, measurePublication, audit, clock),
                new AccessAdminApi(access, audit, auditChain, cipher, reencryption, Path.of(config.audit.archiveDir), json),
                new AdminOpenApiDocument(), new SubscriptionsAdminApi(new SubscriptionPushes(db)), new QualityAdminApi(quality, audit), new AlliancesAdminApi(
                        new AllianceView(alliances, allianceActivity, p -> federation.linkActivity(p).orElse(null),
                                listEntries, recognition, clock),
                        new PartnerQueries(id, alliances, federation.client(), federation.signingAnchors(), cipher, audit, allianceActivity, json, clock), json, alliances, recognition, audit)),

                List.of(new OperatorGate(access, audit)), new ApiServer.Limits(1024 * 1024, config.http.idleTimeoutMs)));
        LOG.info("admin listening url={}", admin.address());
        closeLater(PushRoutes.start(camel.getCamelContext(), subscriptions, new SubscriptionPush(subscriptions, new SubscriptionPushes(db),
                new AccountStore(db), callbacks, signer, subscriptionsApi::render, stored, json, consumers.owner(), 15_000, clock),
                subscriptionStore, config.subscriptions));
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("node started id={} level={} url={} signing={} keyId={} storage={} ms={}", id, config.node.level,
                api.address(), config.ingest.signing, signing.keyId(), db.isPostgres() ? "postgresql" : "h2", startMillis);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * What runs beside the requests: sealing the audit chain every few minutes, and bringing
     * stored records under the current data key (records from before encryption at rest, or after
     * an interrupted rotation).
     */
    private void background(NodeConfig config, AuditChain chain, Reencryption reencryption, JobLease lease, ListExits listExits) {
        java.util.concurrent.ScheduledExecutorService jobs = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-jobs");
            t.setDaemon(true);
            return t;
        });
        closeLater(jobs::shutdownNow);
        if (config.audit.sealIntervalSeconds > 0) {
            jobs.scheduleWithFixedDelay(() -> {
                try {
                    chain.seal();
                } catch (Exception e) {
                    LOG.warn("audit chain not sealed: {}", e.toString());
                }
            }, config.audit.sealIntervalSeconds, config.audit.sealIntervalSeconds, java.util.concurrent.TimeUnit.SECONDS);
        }
        int expiry = Math.max(1, config.workflows.listExpiryCheckSeconds);
        jobs.scheduleWithFixedDelay(() -> {
            try {
                if (lease.mayRun("list-expiry")) listExits.expireDue(1000);
            } catch (Exception e) {
                LOG.warn("list expiry round failed (next round retries): {}", e.toString());
            }
        }, Math.min(expiry, 30), expiry, java.util.concurrent.TimeUnit.SECONDS);
        jobs.execute(() -> {
            try {
                reencryption.runAll(500);
            } catch (Exception e) {
                LOG.error("re-encryption stopped (it resumes at the next start): {}", e.toString());
            }
        });
    }

    /** Starts a node; on failure, whatever had started is stopped again before the error propagates. */
    public static CreditNode start(NodeConfig config, Clock clock) throws Exception {
        return new CreditNode(config, clock);
    }

    public static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Two values for one key would make "what was submitted" ambiguous: refuse them.
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static NodeIdentity signingIdentity(NodeConfig config) {
        Path keystore = Path.of(config.keys.signingKeystore);
        char[] password = config.keys.password.toCharArray();
        KeyAlgorithm alg = KeyAlgorithm.valueOf(config.keys.algorithm.trim().toUpperCase());
        if (!Files.exists(keystore) && config.keys.pki != null) {
            issueFromSharedPki(config, alg, password);
            LOG.warn("issued development keys for {} from the PKI in {}: not for production", config.node.id, config.keyDir());
        } else if (!Files.exists(keystore)) {
            if (!keystore.startsWith(config.keyDir())) {
                throw new ConfigException("keys.signingKeystore " + keystore + " does not exist; create the federation's keys "
                        + "with the certs tool, or remove the setting to let the node create development keys");
            }
            FederationPki.ensureSelfContained(config.keyDir(), config.node.id, alg, password);
            LOG.warn("created development keys in {}: a private PKI for this node alone, not for production", config.keyDir());
        }
        return NodeIdentity.load(keystore, password, "signing");
    }

    /** Several demo nodes may start at once from one PKI folder: one at a time creates the CAs and issues. */
    private static void issueFromSharedPki(NodeConfig config, KeyAlgorithm alg, char[] password) {
        try {
            Files.createDirectories(config.keyDir());
            try (var channel = java.nio.channels.FileChannel.open(config.keyDir().resolve(".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 var lock = channel.lock()) {
                new FederationPki(config.keyDir(), alg, password).issueNode(config.node.id);
            }
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot issue keys from " + config.keyDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * This instance's name in consumer leases: node, host and data folder — unique among the
     * instances of one node (each has its own broker journal), and the same across a restart, so
     * that a node restarted after a kill takes its leases back at once instead of waiting for them
     * to expire.
     */
    private static String instanceName(String id, NodeConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return id + "@" + host + ":" + config.dataDir();
    }

    /** The committed-record log's end and each consumer's position and lag. */
    private static Map<String, Object> logState(RecordLog log, LogCursors cursors) {
        try {
            long last = log.last();
            Map<String, Object> consumers = new java.util.TreeMap<>();
            cursors.all().forEach((name, c) -> consumers.put(name, Map.of("position", c.position(), "lag", last - c.position(),
                    "owner", c.leaseOwner() == null ? "" : c.leaseOwner())));
            return Map.of("last", last, "consumers", consumers);
        } catch (java.sql.SQLException e) {
            return Map.of("error", "not readable: SQLSTATE " + e.getSQLState());
        }
    }

    /** Origins in conflict as operators read them: origin → "CONFLICT at seq N". */
    private static Map<String, String> conflictStates(Federation federation) {
        try {
            Map<String, String> out = new java.util.TreeMap<>();
            federation.conflicts().all().forEach((o, c) -> out.put(o, c.state()));
            return out;
        } catch (java.sql.SQLException e) {
            return Map.of("?", "not readable: SQLSTATE " + e.getSQLState());
        }
    }

    /** The folders whose file systems hold what a 2xx promises: the database and the broker journal. */
    private static List<Path> storagePaths(NodeConfig config) {
        List<Path> paths = new java.util.ArrayList<>(List.of(config.dataDir()));
        if (config.broker.embedded) paths.add(Path.of(config.broker.dataDir));
        String url = config.storage.url;
        if (url.startsWith("jdbc:h2:file:")) {
            Path db = Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]).toAbsolutePath();
            if (db.getParent() != null) paths.add(db.getParent());
        }
        return paths;
    }

    private static Main startCamel(NodeConfig config, Map<String, Object> beans) throws Exception {
        Path routes = Path.of(config.routes);
        if (!Files.isDirectory(routes)) {
            throw new ConfigException("routes folder not found: " + routes + " (set \"routes\" in the configuration)");
        }
        Main main = new Main();
        beans.forEach(main::bind);
        main.configure().setName("credit-node-" + config.node.id);
        main.configure().setJmxEnabled(false);
        // Link rounds end within half a second of a stop (Federation.stopDelivering): no long wait needed.
        main.configure().setShutdownTimeout(15);
        main.configure().setRoutesIncludePattern("file:" + routes.toAbsolutePath() + "/*.yaml");
        main.start();
        CamelContext ctx = main.getCamelContext();
        boolean ingestWired = ctx.getRoutes().stream()
                .anyMatch(r -> r.getEndpoint().getEndpointUri().startsWith("direct://ingest"));
        if (!ingestWired) {
            main.stop();
            throw new ConfigException("no route in " + routes + " consumes " + RecordsApi.INGEST_ENDPOINT
                    + "; routes/ingest.yaml must define it");
        }
        LOG.info("camel started routes={} from={}", ctx.getRoutes().size(), routes);
        return main;
    }

    /**
     * A route per link and delivery in flight, from the template in routes/federation-link.yaml,
     * unless the operator defined a route of that id in routes/ (then theirs is used).
     */
    private static void startLinkRoutes(CamelContext ctx, Federation federation, NodeConfig.Federation settings) throws Exception {
        int perLink = Math.max(1, settings.parallelDeliveries);
        if (federation.linkIds().isEmpty()) return;
        if (((org.apache.camel.model.ModelCamelContext) ctx).getRouteTemplateDefinition("federation-link") == null) {
            throw new ConfigException("no route template federation-link in the routes folder; routes/federation-link.yaml must define it");
        }
        for (String link : federation.linkIds()) {
            for (int n = 1; n <= perLink; n++) {
                String id = "link-" + link + "-" + n;
                if (ctx.getRoute(id) != null) {
                    LOG.info("link route {} defined in routes/, used as it is", id);
                    continue;
                }
                org.apache.camel.builder.TemplatedRouteBuilder.builder(ctx, "federation-link").routeId(id)
                        .parameter("link", link).parameter("worker", String.valueOf(n))
                        .parameter("maxAttempts", String.valueOf(settings.maxAttempts))
                        .parameter("retryInitialDelayMs", String.valueOf(settings.retryInitialDelayMs))
                        .parameter("retryMaxDelayMs", String.valueOf(settings.retryMaxDelayMs)).add();
            }
        }
        federation.showRoutes(link -> {
            Map<String, String> states = new java.util.TreeMap<>();
            for (org.apache.camel.Route r : ctx.getRoutes()) {
                if (r.getRouteId().startsWith("link-" + link + "-")) {
                    states.put(r.getRouteId(), String.valueOf(ctx.getRouteController().getRouteStatus(r.getRouteId())));
                }
            }
            return states;
        });
        LOG.info("link routes started links={} perLink={}", federation.linkIds(), perLink);
    }

    private <T extends AutoCloseable> T closeLater(T part) {
        started.push(part);
        return part;
    }

    public String apiAddress() { return api.address(); }

    public String adminAddress() { return admin.address(); }

    public int port() { return config.http.port; }

    public RecordStore store() { return store; }

    public long startMillis() { return startMillis; }

    public NodeConfig config() { return config; }

    /** Stops the HTTP endpoint first (no new work), then the committer (drains), then storage. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", part, e.toString());
            }
        }
        LOG.info("node stopped id={}", config.node.id);
    }
}
