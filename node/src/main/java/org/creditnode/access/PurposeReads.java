package org.creditnode.access;

import org.creditnode.account.Account;
import org.creditnode.policy.AccountRules;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.PurposeRead;
import org.creditnode.policy.Scope;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;
import org.creditnode.store.StoredRecord;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authorised reads (S15 逢查必报, S27 授权查询): an account names a configured purpose it holds,
 * sees only the categories of that purpose, and every read goes to the query log with the
 * account, purpose, subject (as its keyed index) and what was returned.
 */
public final class PurposeReads {
    private static final AccountRules.PurposeOfAccount PURPOSE_RULE = new AccountRules.PurposeOfAccount();
    private final Purposes purposes;
    private final PolicyEngine policies;
    private final AuditLog audit;
    private final RecordCipher cipher;
    private final Clock clock;

    public PurposeReads(Purposes purposes, PolicyEngine policies, AuditLog audit, RecordCipher cipher, Clock clock) {
        this.purposes = purposes;
        this.policies = policies;
        this.audit = audit;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The purpose is given, configured and the account's; else a refusal, audited. */
    public void checkPurpose(Account account, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            refuse(account, purpose, Problem.Kind.BAD_REQUEST, "PURPOSE_REQUIRED", "name the purpose of this read in the X-Purpose header, "
                    + "one of " + purposes.codes() + " your account holds " + account.purposes());
        }
        Set<String> categories = purposes.find(purpose).map(Purposes.Purpose::categories).orElse(null);
        // before any record is read: the purpose rule alone (the category rule is asked per record)
        Decision d = PURPOSE_RULE.evaluate(new PurposeRead(account.id(), account.purposes(), purpose, categories, null));
        if (!d.permitted()) {
            String code = AccountRules.code(d);
            refuse(account, purpose, code.equals("PURPOSE_UNKNOWN") ? Problem.Kind.BAD_REQUEST : Problem.Kind.FORBIDDEN, code,
                    d.reason().substring(code.length() + 1).trim());
        }
    }

    public boolean mayRead(Account account, String purpose, String category) {
        Set<String> categories = purposes.find(purpose).map(Purposes.Purpose::categories).orElse(null);
        return policies.evaluate(Scope.PURPOSE_READ, new PurposeRead(account.id(), account.purposes(), purpose, categories, category),
                LocalDate.now(clock)).permitted();
    }

    /** A single record the purpose may not see: 403, audited. */
    public void refuse(Account account, String purpose, StoredRecord r) {
        refuse(account, purpose, Problem.Kind.FORBIDDEN, "CATEGORY_NOT_IN_PURPOSE", "record " + r.id() + " is a " + r.category()
                + " record; purpose " + purpose + " does not see that category");
    }

    /** The query-log entry of one authorised read. */
    public void logQuery(Account account, String purpose, String subjectCode, String recordId, List<String> returned,
                         Map<String, Integer> withheld) {
        String what = "returned " + returned.size() + (returned.isEmpty() ? "" : " " + abbreviate(returned))
                + (withheld.isEmpty() ? "" : "; withheld by purpose " + withheld);
        try {
            audit.query(account.id(), purpose, subjectCode == null ? null : cipher.subjectIndex(subjectCode), recordId, what);
        } catch (AuditLog.NotLogged e) {
            throw notLogged();
        }
    }

    /** The query-log entries of one automatic check (逢查必报), a subject each, with the check token. */
    public void logCheck(Account account, String purpose, List<String> subjectCodes, String token) {
        List<String> keys = new java.util.ArrayList<>(subjectCodes.size());
        for (String code : subjectCodes) keys.add(cipher.subjectIndex(code));
        try {
            audit.queries(account.id(), purpose, keys, "check " + token);
        } catch (AuditLog.NotLogged e) {
            throw notLogged();
        }
    }

    /** The query-log entries of one subscription pull: a subject each (already as keyed indexes). */
    public void logSubscriptionPull(Account account, String purpose, List<String> subjectKeys, String subscription) {
        try {
            audit.queries(account.id(), purpose, subjectKeys, "subscription " + subscription);
        } catch (AuditLog.NotLogged e) {
            throw notLogged();
        }
    }

    /** Every read of personal data is logged, or it is not answered: 503, and the caller asks again. */
    private static Problem notLogged() {
        return new Problem(Problem.Kind.UNAVAILABLE, "QUERY_LOG_UNAVAILABLE",
                "not answered: the query-log entry of this read could not be written; ask again");
    }

    private void refuse(Account account, String purpose, Problem.Kind kind, String code, String message) {
        audit.byAccount("READ_REFUSED", account.id(), code, (purpose == null ? "no purpose" : "purpose " + purpose) + ": " + message);
        throw new Problem(kind, code, message);
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 20 ? ids.toString() : ids.subList(0, 20) + " and " + (ids.size() - 20) + " more";
    }
}
