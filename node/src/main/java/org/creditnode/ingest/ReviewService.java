package org.creditnode.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.account.Account;
import org.creditnode.account.AccountRole;
import org.creditnode.policy.AccountRules;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Review;
import org.creditnode.policy.Scope;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;
import org.creditnode.store.PendingReviews;
import org.creditnode.store.StoredRecord;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The reviewer's side of four eyes: list what waits for one's authorities, approve (the record is
 * then numbered, signed, stored and sent like any other) or reject with a reason. Every decision
 * is audited with both accounts.
 */
public final class ReviewService {
    public enum Verdict { APPROVE, REJECT }

    public record Outcome(String id, String status, String recordId, String reason) {
    }

    private final PendingReviews reviews;
    private final IngestService ingest;
    private final PolicyEngine policies;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public ReviewService(PendingReviews reviews, IngestService ingest, PolicyEngine policies, AuditLog audit, ObjectMapper json, Clock clock) {
        this.reviews = reviews;
        this.ingest = ingest;
        this.policies = policies;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public List<PendingReviews.Pending> list(Account reviewer, String status, int limit) throws SQLException {
        if (!reviewer.has(AccountRole.REVIEWER)) {
            throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "account " + reviewer.id() + " does not hold REVIEWER");
        }
        String s = status == null ? "PENDING" : status.toUpperCase(Locale.ROOT);
        if (!List.of("PENDING", "APPROVING", "APPROVED", "REJECTED").contains(s)) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_STATUS", "status: PENDING, APPROVING, APPROVED or REJECTED, got " + status);
        }
        return reviews.byAuthorities(reviewer.authorities(), s, limit);
    }

    public Outcome decide(Account reviewer, String id, String decision, String reason) throws SQLException {
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(decision == null ? "" : decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_DECISION", "decision: APPROVE or REJECT, got " + decision);
        }
        if (verdict == Verdict.REJECT && (reason == null || reason.isBlank())) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "REASON_REQUIRED", "a rejection names its reason (it is sent to the submitter)");
        }
        PendingReviews.Pending p = reviews.find(id).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no review " + id));
        Decision d = policies.evaluate(Scope.REVIEW, new Review(reviewer.id(), reviewer.has(AccountRole.REVIEWER), reviewer.authorities(),
                p.account(), p.authority()), LocalDate.now(clock));
        if (!d.permitted()) {
            String code = AccountRules.code(d);
            audit.byAccount("REVIEW_REFUSED", reviewer.id(), code, "review " + id + ": " + d.reason());
            // a review of another authority is not even confirmed to exist
            if (code.equals("AUTHORITY_NOT_ALLOWED")) throw new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no review " + id);
            throw new Problem(Problem.Kind.FORBIDDEN, code, d.reason().substring(code.length() + 1).trim());
        }
        String at = clock.instant().toString();
        if (verdict == Verdict.REJECT) {
            if (!reviews.move(id, "PENDING", "REJECTED", reviewer.id(), at, reason, null)) throw alreadyDecided(id);
            audit.byAccount("REVIEW_REJECTED", reviewer.id(), "REJECT", "review " + id + " of account " + p.account() + " rejected: " + reason);
            return new Outcome(id, "REJECTED", null, reason);
        }
        // claimed first: a crash after the commit leaves APPROVING (visible to reviewers), never a second record
        if (!reviews.move(id, "PENDING", "APPROVING", reviewer.id(), at, reason, null)) throw alreadyDecided(id);
        StoredRecord stored;
        try {
            stored = ingest.commitOne((ObjectNode) json.readTree(p.body()));
        } catch (Problem e) {
            reviews.move(id, "APPROVING", "PENDING", null, null, null, null);
            throw e;
        } catch (IOException e) {
            reviews.move(id, "APPROVING", "PENDING", null, null, null, null);
            throw new IllegalStateException("review " + id + " holds no JSON", e);
        }
        reviews.move(id, "APPROVING", "APPROVED", reviewer.id(), at, reason, stored.id());
        audit.byAccount("REVIEW_APPROVED", reviewer.id(), "APPROVE", "review " + id + " of account " + p.account() + " approved: record "
                + stored.id());
        return new Outcome(id, "APPROVED", stored.id(), reason);
    }

    private static Problem alreadyDecided(String id) {
        return new Problem(Problem.Kind.CONFLICT, "ALREADY_DECIDED", "review " + id + " was decided already");
    }
}
