package org.creditnode.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.account.Account;
import org.creditnode.account.AccountRole;
import org.creditnode.policy.AccountRules;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Scope;
import org.creditnode.policy.Submission;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;
import org.creditnode.store.PendingReviews;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.record.FieldError;
import org.creditnode.record.PublicityPolicy;
import org.creditnode.record.RecordValidator;
import org.creditnode.record.RuleSets;
import org.creditnode.store.DiskReserve;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ingest use case: judge every record of a submitted batch against the catalogue, hand the
 * good ones to the committer, and answer per record. A bad record never stops the good ones of
 * its batch; a body that is not a batch at all is refused whole.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final long COMMIT_TIMEOUT_SECONDS = 60;

    private final RecordValidator validator;
    private final Catalogue catalogue;
    private final GroupCommitter committer;
    private final int maxBatch;
    private final DiskReserve disk;
    /** Why this node may not number new records yet (its own log's end is being confirmed), if so. */
    private final Supplier<Optional<String>> recovering;

    private final PolicyEngine policies;
    private final AuditLog audit;
    private final PendingReviews reviews;
    private final java.time.Clock clock;
    private final RuleSets ruleSets;
    private volatile RejectionCounter rejections = RejectionCounter.NONE;

    public IngestService(RecordValidator validator, Catalogue catalogue, GroupCommitter committer, int maxBatch, DiskReserve disk,
                         Supplier<Optional<String>> recovering, PolicyEngine policies, AuditLog audit, PendingReviews reviews,
                         java.time.Clock clock, RuleSets ruleSets) {
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.reviews = reviews;
        this.audit = audit;
        this.clock = clock;
        this.recovering = recovering;
        this.validator = validator;
        this.catalogue = catalogue;
        this.committer = committer;
        this.maxBatch = maxBatch;
        this.disk = disk;
    }

    /**
     * Hands each committed group to {@code l} on the committing thread, before the log's consumers
     * are woken: for a consumer that would otherwise read back what was just written. Keep it cheap.
     */
    public void onCommit(CommitListener l) {
        committer.addFirstListener(l);
    }

    /** Who counts the records the catalogue checks refuse (the data-quality figures); none by default. */
    public void countRejectionsWith(RejectionCounter counter) {
        this.rejections = counter;
    }

    /** A department's batch: the account that sent it and the parsed request body. */
    public record Batch(Account account, JsonNode body) {
    }

    /** Called by the ingest route (routes/ingest.yaml) with the account's parsed batch. */
    public IngestResult ingest(Batch batch) {
        Account account = batch.account();
        if (!account.has(AccountRole.SUBMITTER)) {
            throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "account " + account.id() + " holds " + account.roles()
                    + "; submitting records needs SUBMITTER");
        }
        JsonNode records = batchRecords(batch.body());
        disk.shortage().ifPresent(s -> {
            throw new Problem(Problem.Kind.INSUFFICIENT_STORAGE, "INSUFFICIENT_STORAGE", "no record was taken: " + s.message());
        });
        recovering.get().ifPresent(why -> {
            throw new Problem(Problem.Kind.UNAVAILABLE, "RECOVERING", "no record was taken: " + why);
        });
        List<Rejected> rejected = new ArrayList<>();
        List<Accepted> reviewsWaiting = new ArrayList<>();
        List<RecordSealer.Pending> pending = new ArrayList<>(records.size());
        List<Integer> pendingIndex = new ArrayList<>(records.size());
        List<JsonNode> refusedByCatalogue = null;
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            List<FieldError> errors = validator.validate(r);
            if (!errors.isEmpty()) {
                if (refusedByCatalogue == null) refusedByCatalogue = new ArrayList<>();
                refusedByCatalogue.add(r);
            } else {
                errors = accountMay(account, r);
            }
            if (!errors.isEmpty()) {
                rejected.add(new Rejected(i, errors));
                continue;
            }
            if (catalogue.category(r.path("category").asText()).map(CategorySpec::needsReview).orElse(false)) {
                reviewsWaiting.add(new Accepted(i, holdForReview(account, (ObjectNode) r), 0, Accepted.PENDING_REVIEW));
                continue;
            }
            pending.add(toPending((ObjectNode) r));
            pendingIndex.add(i);
        }
        if (refusedByCatalogue != null) rejections.count(account, refusedByCatalogue);
        List<Accepted> accepted = new ArrayList<>(pending.size());
        if (!pending.isEmpty()) {
            List<StoredRecord> stored = await(committer.submit(pending));
            for (int k = 0; k < stored.size(); k++) {
                StoredRecord s = stored.get(k);
                accepted.add(new Accepted(pendingIndex.get(k), s.id(), s.version(), Accepted.ACCEPTED));
            }
        }
        if (!reviewsWaiting.isEmpty()) {
            accepted.addAll(reviewsWaiting);
            accepted.sort(java.util.Comparator.comparingInt(Accepted::index));
        }
        List<Rejected> refusedByAccount = rejected.stream().filter(x -> x.errors().get(0).code().endsWith("_NOT_ALLOWED")).toList();
        if (!refusedByAccount.isEmpty()) {
            Rejected first = refusedByAccount.get(0);
            audit.byAccount("SUBMIT_REFUSED", account.id(), first.errors().get(0).code(), refusedByAccount.size() + " of " + records.size()
                    + " records refused; first at index " + first.index() + ": " + first.errors().get(0).message());
        }
        if (!rejected.isEmpty()) {
            LOG.info("batch judged records={} accepted={} rejected={} firstError={}", records.size(), accepted.size(),
                    rejected.size(), rejected.get(0).errors().get(0).field() + ":" + rejected.get(0).errors().get(0).code());
        } else {
            LOG.debug("batch judged records={} accepted={}", records.size(), accepted.size());
        }
        return new IngestResult(accepted, rejected);
    }

    /** Keeps a record of a reviewed category until a reviewer decides; returns the review's id. */
    private String holdForReview(Account account, ObjectNode r) {
        String id = "R-" + java.util.UUID.randomUUID();
        try {
            reviews.insert(id, account.id(), r.path("authority").path("code").asText().trim().toUpperCase(Locale.ROOT),
                    r.path("category").asText(), r.toString(), clock.instant().toString());
        } catch (java.sql.SQLException e) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "STORE_UNAVAILABLE", "the record could not be kept for review: SQLSTATE " + e.getSQLState());
        }
        return id;
    }

    /**
     * One record made by the node for a caller it has already authorised: a reviewed record
     * approved (judged again against today's catalogue, which may have changed while it waited),
     * or a workflow's record (a joint action's initiation, response or feedback). Numbered,
     * signed and stored like any other.
     */
    public StoredRecord commitOne(ObjectNode r) {
        List<FieldError> errors = validator.validate(r);
        if (!errors.isEmpty()) {
            FieldError e = errors.get(0);
            throw new Problem(Problem.Kind.UNPROCESSABLE, "NO_LONGER_VALID", "the record no longer meets the catalogue: " + e.field()
                    + " " + e.code() + ": " + e.message());
        }
        disk.shortage().ifPresent(s -> {
            throw new Problem(Problem.Kind.INSUFFICIENT_STORAGE, "INSUFFICIENT_STORAGE", "nothing was stored: " + s.message());
        });
        recovering.get().ifPresent(why -> {
            throw new Problem(Problem.Kind.UNAVAILABLE, "RECOVERING", "nothing was stored: " + why);
        });
        return await(committer.submit(List.of(toPending(r)))).get(0);
    }

    /**
     * A later version of one of this node's own records, with a new status and what changed and
     * why (the caller has asked the REVISE policy). Everything else is the current version's,
     * signed again; the version is numbered in the commit, so a concurrent change is a conflict.
     */
    public StoredRecord commitRevision(StoredRecord current, org.creditnode.record.RecordStatus status, ObjectNode change) {
        return commitRevision(current, status, change, null);
    }

    /**
     * The same, with corrected fields (an objection decided CORRECTED): merged into the record's
     * fields and judged against the catalogue like a new record; an error names the field (422).
     */
    public StoredRecord commitRevision(StoredRecord current, org.creditnode.record.RecordStatus status, ObjectNode change,
                                       ObjectNode correctedFields) {
        ObjectNode content;
        try {
            content = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(current.canonical());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(current.id() + " holds no JSON", e);
        }
        if (correctedFields != null && !correctedFields.isEmpty()) {
            ObjectNode submitted = content.deepCopy();
            for (String key : List.of("id", "origin", "seq", "version", "status", "receivedAt", "publicityUntil", "prevHash", "revises", "change")) {
                submitted.remove(key);
            }
            ((ObjectNode) submitted.with("fields")).setAll(correctedFields);
            List<FieldError> errors = validator.validate(submitted);
            if (!errors.isEmpty()) {
                FieldError e = errors.get(0);
                throw new Problem(Problem.Kind.UNPROCESSABLE, "BAD_CORRECTION", "correction." + e.field() + ": " + e.code() + ": " + e.message());
            }
            content = submitted;
        }
        disk.shortage().ifPresent(s -> {
            throw new Problem(Problem.Kind.INSUFFICIENT_STORAGE, "INSUFFICIENT_STORAGE", "nothing was changed: " + s.message());
        });
        recovering.get().ifPresent(why -> {
            throw new Problem(Problem.Kind.UNAVAILABLE, "RECOVERING", "nothing was changed: " + why);
        });
        String subjectKey = content.path("subject").path("code").asText().trim().toUpperCase(Locale.ROOT);
        return await(committer.submit(List.of(new RecordSealer.Pending(content, subjectKey, current.decisionDate(),
                current.publicityUntil(), new RecordSealer.Revision(current.id(), current.version(), status, change),
                rulesOf(current))))).get(0);
    }

    /** The account's own rules for a record the catalogue accepts: its authority and its category. */
    private List<FieldError> accountMay(Account account, JsonNode r) {
        String authority = r.path("authority").path("code").asText().trim().toUpperCase(Locale.ROOT);
        String category = r.path("category").asText();
        Decision d = policies.evaluate(Scope.SUBMIT, new Submission(account.id(), account.authorities(), account.categories(),
                authority, category), LocalDate.now(clock));
        if (d.permitted()) return List.of();
        String code = AccountRules.code(d);
        String field = code.startsWith("AUTHORITY") ? "authority.code" : "category";
        return List.of(new FieldError(field, code, d.reason().substring(code.length() + 1).trim()));
    }

    private JsonNode batchRecords(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "NOT_A_BATCH", "the body must be a JSON object {\"records\": [ ... ]}");
        }
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "NOT_A_BATCH", "the body must have a \"records\" array");
        }
        if (records.isEmpty()) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "EMPTY_BATCH", "\"records\" is empty: send 1 to " + maxBatch + " records");
        }
        if (records.size() > maxBatch) {
            throw new Problem(Problem.Kind.TOO_LARGE, "BATCH_TOO_LARGE", "\"records\" has " + records.size()
                    + " records; this node takes at most " + maxBatch + " per request");
        }
        return records;
    }

    private RecordSealer.Pending toPending(ObjectNode r) {
        String category = r.path("category").asText();
        LocalDate decisionDate = LocalDate.parse(r.path("decisionDate").asText());
        String severity = r.hasNonNull("severity") ? r.get("severity").asText() : null;
        CategorySpec spec = catalogue.category(category).orElseThrow();
        LocalDate until = PublicityPolicy.publicityUntil(spec, severity, decisionDate).orElse(null);
        String subjectKey = r.path("subject").path("code").asText().trim().toUpperCase(Locale.ROOT);
        ObjectNode applied = null;
        var governed = ruleSets.apply(category, severity, decisionDate);
        if (governed.isPresent()) { // a dated rule set governs this category: its dates, and it says so in the record
            RuleSets.Applied a = governed.get();
            until = a.publicityUntil();
            applied = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            applied.put("ruleSet", a.ruleSet());
            applied.put("tier", a.tier());
            applied.put("repairFrom", a.repairFrom().toString());
            applied.put("explanation", a.explanation(decisionDate));
        }
        return new RecordSealer.Pending(r, subjectKey, decisionDate, until, null, applied);
    }

    /** The rules a stored version carries, for its next version to carry on. */
    private static ObjectNode rulesOf(StoredRecord r) {
        try {
            JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.canonical()).get("rules");
            return n instanceof ObjectNode o ? o : null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(r.id() + " holds no JSON", e);
        }
    }

    private static List<StoredRecord> await(java.util.concurrent.CompletableFuture<List<StoredRecord>> f) {
        try {
            return f.get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Problem br) throw br;
            throw new Problem(Problem.Kind.UNAVAILABLE, "STORE_UNAVAILABLE", "the records could not be committed: " + e.getCause());
        } catch (TimeoutException e) {
            // Not knowing is not "no": the records may still commit. The client retries; ids tell.
            throw new Problem(Problem.Kind.UNAVAILABLE, "COMMIT_TIMEOUT", "the commit did not finish within " + COMMIT_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(Problem.Kind.UNAVAILABLE, "SHUTTING_DOWN", "interrupted while committing");
        }
    }
}
