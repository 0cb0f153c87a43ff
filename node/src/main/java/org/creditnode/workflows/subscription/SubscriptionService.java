package org.creditnode.workflows.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.access.PurposeReads;
import org.creditnode.access.Purposes;
import org.creditnode.account.Account;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.problem.Problem;
import org.creditnode.record.Catalogue;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.store.SubscriptionPushes;
import org.creditnode.store.Subscriptions;
import org.creditnode.workflows.matching.MatchingIndexer;
import org.creditnode.workflows.matching.MeasureList;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Subscriptions (订单式推送, S25), pulled with a cursor or pushed: a department account follows categories,
 * list types or subjects for a purpose it holds, and pulls what the node stored since its cursor —
 * new records and new versions (status changes) alike, in the order they were stored. The cursor
 * is a position in the committed-record log: a subscriber that was away gets everything it
 * missed, once. Every pull is an authorised read and goes to the query log. A subscription with a
 * callback is pushed instead ({@link SubscriptionPush}), through the same read and the same log.
 */
public final class SubscriptionService {
    /** Log entries looked at per pull, whatever matches: a pull's cost is bounded. */
    private static final int SCAN = 5000;

    /** {@code callback}: optional; an https URL the node pushes to (see SubscriptionPush), else the subscriber pulls. */
    public record Request(String purpose, List<String> categories, List<String> listTypes, List<String> subjects, String callback) {
    }

    /** Records with their log positions and subjects (keyed indexes), and where to go on from. */
    public record Page(List<StoredRecord> records, List<Long> positions, List<String> subjectKeys, long nextCursor, boolean more) {
    }

    /** A subscription and, when it is pushed, its push state. */
    public record Status(Subscriptions.Subscription subscription, Optional<SubscriptionPushes.State> push) {
    }

    private final Subscriptions subscriptions;
    private final SubscriptionPushes pushes;
    private final Callbacks callbacks;
    private volatile Runnable changed = () -> { };
    private final RecordLog log;
    private final RecordStore store;
    private final Catalogue catalogue;
    private final Purposes purposes;
    private final org.creditnode.workflows.matching.MeasureLists measures;
    private final PurposeReads reads;
    private final RecordCipher cipher;
    private final ObjectMapper json;
    private final Clock clock;

    public SubscriptionService(Subscriptions subscriptions, SubscriptionPushes pushes, Callbacks callbacks, RecordLog log, RecordStore store,
                               Catalogue catalogue, Purposes purposes, org.creditnode.workflows.matching.MeasureLists measures, PurposeReads reads, RecordCipher cipher,
                               ObjectMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.pushes = pushes;
        this.callbacks = callbacks;
        this.log = log;
        this.store = store;
        this.catalogue = catalogue;
        this.purposes = purposes;
        this.measures = measures;
        this.reads = reads;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /** Told when push subscriptions were created or cancelled (their routes follow). */
    public void onChange(Runnable changed) {
        this.changed = changed;
    }

    /** A new subscription, starting at {@code cursor} (the log's end when asked): what is stored from now on. */
    public Subscriptions.Subscription create(Account account, Request r, long cursor) throws SQLException {
        if (r == null) throw bad("NOT_A_SUBSCRIPTION", "send {\"purpose\", \"categories\", \"listTypes\", \"subjects\", \"callback\"}");
        reads.checkPurpose(account, r.purpose());
        Set<String> seen = purposes.find(r.purpose()).orElseThrow().categories();
        Set<String> categories = new LinkedHashSet<>();
        for (String c : nonNull(r.categories())) {
            if (catalogue.category(c).isEmpty()) throw bad("BAD_SUBSCRIPTION", "categories: " + c + " is not in the catalogue");
            if (!seen.contains(c)) {
                throw new Problem(Problem.Kind.FORBIDDEN, "CATEGORY_NOT_IN_PURPOSE", "categories: purpose " + r.purpose() + " does not see " + c);
            }
            categories.add(c);
        }
        Set<String> listTypes = new LinkedHashSet<>();
        for (String t : nonNull(r.listTypes())) {
            if (measures.current(java.time.LocalDate.now(clock)).type(t).isEmpty()) throw bad("BAD_SUBSCRIPTION", "listTypes: " + t + " is not a list type of config/measures.yaml");
            listTypes.add(t);
        }
        if (!listTypes.isEmpty() && !categories.isEmpty() && categories.stream().noneMatch(MatchingIndexer.LIST_CATEGORIES::contains)) {
            throw bad("BAD_SUBSCRIPTION", "listTypes: the categories " + categories + " hold no list entries, so these list types would match nothing");
        }
        Set<String> subjectKeys = new LinkedHashSet<>();
        for (String s : nonNull(r.subjects())) {
            String code = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[0-9A-Z]{18}")) throw bad("BAD_SUBSCRIPTION", "subjects: " + s + " is not a USCC or an ID number");
            subjectKeys.add(cipher.subjectIndex(code)); // the subject is kept only as its keyed index
        }
        if (categories.isEmpty() && listTypes.isEmpty() && subjectKeys.isEmpty()) {
            throw bad("BAD_SUBSCRIPTION", "name at least one of categories, listTypes, subjects");
        }
        if (subjectKeys.size() > 1000) throw bad("BAD_SUBSCRIPTION", "subjects: at most 1,000 per subscription");
        URI callback = r.callback() == null ? null : Callbacks.parse(r.callback());
        if (callback != null) callbacks.probe(callback); // a typo or an untrusted certificate shows now, not as a dead letter later
        Subscriptions.Subscription s = new Subscriptions.Subscription("sub-" + UUID.randomUUID(), account.id(), r.purpose(), categories,
                listTypes, subjectKeys, clock.instant().toString(), null, callback == null ? null : callback.toString());
        subscriptions.insert(s, cursor);
        if (s.pushed()) changed.run();
        return s;
    }

    public long start() throws SQLException {
        return log.last();
    }

    /** What was stored after {@code cursor} that the subscription follows (at most {@code limit}), and where to go on from. */
    public Page pull(Account account, String id, long cursor, int limit) throws SQLException, IOException {
        Subscriptions.Subscription s = own(account, id);
        if (s.cancelledAt() != null) throw new Problem(Problem.Kind.CONFLICT, "CANCELLED", "subscription " + id + " was cancelled on " + s.cancelledAt());
        if (cursor < 0) throw bad("BAD_CURSOR", "cursor: a position from an earlier answer (nextCursor) or from the subscription's creation");
        Page page = read(s, cursor, limit);
        logRead(account, s, page);
        return page;
    }

    /** The query-log entries of a page that left the node: a subject each. */
    public void logRead(Account account, Subscriptions.Subscription s, Page page) {
        if (!page.subjectKeys().isEmpty()) reads.logSubscriptionPull(account, s.purpose(), page.subjectKeys(), s.id());
    }

    /**
     * A page as the subscription's purpose and filters see it, not yet logged: a pull logs it at
     * once, a push when the body may have reached the callback.
     */
    public Page read(Subscriptions.Subscription s, long cursor, int limit) throws SQLException, IOException {
        Set<String> seen = purposes.find(s.purpose()).map(Purposes.Purpose::categories).orElse(Set.of());
        List<StoredRecord> out = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        long position = cursor;
        List<RecordLog.Entry> entries = log.after(cursor, SCAN);
        for (RecordLog.Entry e : entries) {
            if (out.size() >= limit) break;
            position = e.logNo();
            if (!seen.contains(e.category())) continue; // the purpose's categories only, whatever the filters
            if (!s.categories().isEmpty() && !s.categories().contains(e.category())) continue;
            if (!s.listTypes().isEmpty() && !MatchingIndexer.LIST_CATEGORIES.contains(e.category())) continue;
            StoredRecord r = store.byOriginRange(e.origin(), e.seq(), e.seq()).stream().filter(x -> x.id().equals(e.id())
                    && x.version() == e.version()).findFirst().orElse(null);
            if (r == null) continue;
            JsonNode rec = json.readTree(r.canonical());
            if (!s.listTypes().isEmpty() && !s.listTypes().contains(rec.path("fields").path("LIST_TYPE").asText())) continue;
            String key = cipher.subjectIndex(rec.path("subject").path("code").asText().trim().toUpperCase(Locale.ROOT));
            if (!s.subjectKeys().isEmpty() && !s.subjectKeys().contains(key)) continue;
            out.add(r);
            positions.add(e.logNo());
            subjects.add(key);
        }
        boolean more = position < lastOf(entries) || entries.size() == SCAN;
        return new Page(out, positions, subjects, position, more);
    }

    public void cancel(Account account, String id) throws SQLException {
        Subscriptions.Subscription s = own(account, id);
        if (!subscriptions.cancel(id, clock.instant().toString())) throw new Problem(Problem.Kind.CONFLICT, "CANCELLED", "subscription " + id + " was cancelled already");
        if (s.pushed()) changed.run();
    }

    public Status status(Account account, String id) throws SQLException {
        Subscriptions.Subscription s = own(account, id);
        return new Status(s, s.pushed() ? pushes.find(id) : Optional.empty());
    }

    /** Takes a dead-lettered push up again from its cursor (the batch that failed first). */
    public Status replay(Account account, String id) throws SQLException {
        Subscriptions.Subscription s = own(account, id);
        if (s.cancelledAt() != null) throw new Problem(Problem.Kind.CONFLICT, "CANCELLED", "subscription " + id + " was cancelled on " + s.cancelledAt());
        if (!s.pushed()) throw new Problem(Problem.Kind.CONFLICT, "NOT_PUSHED", "subscription " + id + " has no callback; pull it with a cursor");
        if (!pushes.replay(id)) throw new Problem(Problem.Kind.CONFLICT, "NOT_DEAD_LETTER", "subscription " + id + " is being pushed; nothing to replay");
        return status(account, id);
    }

    /** For the push: a subscription by id, whoever owns it. */
    public Optional<Subscriptions.Subscription> find(String id) throws SQLException {
        return subscriptions.find(id);
    }

    /** The account's own subscription; another account's is not even confirmed to exist. */
    private Subscriptions.Subscription own(Account account, String id) throws SQLException {
        return subscriptions.find(id).filter(s -> s.account().equals(account.id()))
                .orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no subscription " + id + " of this account"));
    }

    private static long lastOf(List<RecordLog.Entry> entries) {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).logNo();
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static Problem bad(String code, String message) {
        return new Problem(Problem.Kind.BAD_REQUEST, code, message);
    }
}
