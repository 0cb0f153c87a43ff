package org.creditnode.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.access.RateLimiter;
import org.creditnode.federation.ChainAnchor;
import org.creditnode.federation.Delivery;
import org.creditnode.federation.DeliveryBuilder;
import org.creditnode.federation.FederatedRecord;
import org.creditnode.policy.AllianceQuery;
import org.creditnode.policy.AllianceRecord;
import org.creditnode.policy.Decision;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.policy.Scope;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.problem.Problem;
import org.creditnode.record.Catalogue;
import org.creditnode.record.RecordStatus;
import org.creditnode.sign.Signer;
import org.creditnode.store.AuditLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answering side of a mutual query (互查): which alliance the caller asks under, whether its
 * policy allows the query, and the answer — records in the federation delivery's shape (each
 * verifiable against its origin), every record or field withheld with the rule that withheld it,
 * the policy's name, signed by this node. Every answer and refusal is audited.
 */
public final class QueryAnswers {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_RECORDS = 500;
    /** Chinese labels for the rules that withhold, shown to whoever reads the answer. */
    private static final Map<String, String> LABELS = Map.of(
            "withhold-personal-data", "自然人个人信息，按联盟规则不予共享",
            "withhold-named-fields", "联盟规则指定不予共享的字段");

    private final String self;
    private final Alliances alliances;
    private final PolicyEngine policies;
    private final RecordStore store;
    private final DeliveryBuilder builder;
    private final PersonalFields personal;
    private final RecordCipher cipher;
    private final Signer signer;
    private final List<X509Certificate> signingChain;
    private final List<X509Certificate> nationalTls;
    private final AuditLog audit;
    private final RateLimiter rates;
    private final AllianceActivity activity;
    private final ObjectMapper json;
    private final Clock clock;

    public QueryAnswers(String self, Alliances alliances, PolicyEngine policies, RecordStore store, DeliveryBuilder builder,
                        Catalogue catalogue, RecordCipher cipher, Signer signer, List<X509Certificate> signingChain,
                        List<X509Certificate> nationalTls, AuditLog audit, AllianceActivity activity, ObjectMapper json, Clock clock) {
        this.self = self;
        this.alliances = alliances;
        this.policies = policies;
        this.store = store;
        this.builder = builder;
        this.personal = new PersonalFields(catalogue);
        this.cipher = cipher;
        this.signer = signer;
        this.signingChain = List.copyOf(signingChain);
        this.nationalTls = List.copyOf(nationalTls);
        this.audit = audit;
        this.rates = new RateLimiter(System::nanoTime);
        this.activity = activity;
        this.json = json;
        this.clock = clock;
    }

    /** The query as asked; malformed fields are 400 with the field named. */
    public record Query(String subject, String purpose, Set<String> categories) {
        public static Query parse(JsonNode body) {
            if (body == null || !body.isObject()) throw bad("BAD_QUERY", "the body must be a JSON object {\"subject\", \"purpose\", \"categories\"}");
            JsonNode s = body.path("subject");
            JsonNode p = body.path("purpose");
            if (!s.isTextual()) throw bad("BAD_SUBJECT", "subject: a USCC or ID number (18 characters) is required");
            if (!p.isTextual() || p.asText().isBlank()) throw bad("BAD_QUERY", "purpose: a declared purpose code is required");
            Set<String> cats = new TreeSet<>();
            JsonNode c = body.path("categories");
            if (!c.isMissingNode() && !c.isNull()) {
                if (!c.isArray() || c.isEmpty()) throw bad("BAD_QUERY", "categories: a non-empty list of catalogue categories, or leave it out for all shared");
                for (JsonNode x : c) {
                    if (!x.isTextual()) throw bad("BAD_QUERY", "categories: every item is a category code");
                    cats.add(x.asText());
                }
            }
            return new Query(s.asText().trim().toUpperCase(Locale.ROOT), p.asText(), cats);
        }
    }

    private static Problem bad(String code, String message) {
        return new Problem(Problem.Kind.BAD_REQUEST, code, message);
    }

    /**
     * @param partner the caller's node id (CN of its TLS certificate), null if it presented none usable
     * @param chain   the caller's TLS chain as presented
     */
    public ObjectNode answer(String partner, List<X509Certificate> chain, String body) throws SQLException, java.io.IOException {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        String who = partner == null ? "?" : partner;
        Query q;
        try {
            JsonNode parsed;
            try {
                parsed = json.readTree(body == null ? "" : body);
            } catch (java.io.IOException e) {
                throw bad("BAD_QUERY", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            q = Query.parse(parsed);
        } catch (Problem p) {
            // counted against the caller's alliance if it has one, so operators see whose systems send bad queries
            refuse(alliances.naming(who).stream().findFirst().orElse(null), who, null, null, p.code(), p.getMessage());
            throw p;
        }
        Alliance alliance = choose(who, chain, q, today);
        Set<String> asked = q.categories().isEmpty() && alliance != null ? alliance.shared() : q.categories();
        boolean revoked = alliance != null && !chain.isEmpty() && alliance.revoked().contains(ChainAnchor.fingerprint(chain.get(0)));
        Decision d = policies.evaluate(Scope.ALLIANCE_QUERY, new AllianceQuery(who, anchorOf(chain, alliance), revoked, q.purpose(),
                asked, alliance == null ? null : alliance.rules(), today), today);
        if (!d.permitted()) {
            refuse(alliance, who, q, subjectKey(q), ruleOf(d.reason()), d.reason());
            throw new Problem(Problem.Kind.FORBIDDEN, "POLICY_REFUSED", d.reason());
        }
        long wait = rates.acquire(alliance.id() + "/" + who, alliance.ratePerSecond());
        if (wait > 0) {
            String msg = "more than " + alliance.ratePerSecond() + " queries per second from " + who + " (" + alliance.policy() + ")";
            refuse(alliance, who, q, subjectKey(q), "rate-limit", msg);
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "RATE_LIMITED", msg, wait);
        }
        if (!q.subject().matches("[0-9A-Z]{18}")) {
            String msg = "subject: 18 characters, a USCC or an ID number, got \"" + q.subject() + "\"";
            refuse(alliance, who, q, null, "BAD_SUBJECT", msg);
            throw bad("BAD_SUBJECT", msg);
        }
        ObjectNode out = build(alliance, who, q, asked, today);
        try {
            audit.allianceAnswered(who, q.purpose(), subjectKey(q), alliance.policy() + " categories " + asked
                    + " returned " + ids(out.path("records")) + " withheld " + out.path("withheld").size() + " item(s)");
        } catch (AuditLog.NotLogged e) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "AUDIT_UNAVAILABLE", "not answered: its audit entry could not be written; ask again");
        }
        activity.answered(alliance.id(), who, clock.instant());
        return out;
    }

    private ObjectNode build(Alliance alliance, String partner, Query q, Set<String> asked, LocalDate today)
            throws SQLException, java.io.IOException {
        List<StoredRecord> full = new ArrayList<>();
        List<ObjectNode> redacted = new ArrayList<>();
        List<ObjectNode> withheld = new ArrayList<>();
        List<StoredRecord> current = new ArrayList<>(store.currentBySubject(q.subject(), MAX_RECORDS));
        current.sort(Comparator.comparing(StoredRecord::id));
        Map<StoredRecord, ObjectNode> shown = new HashMap<>();
        for (StoredRecord r : current) {
            // Repaired, revoked, shielded and expired records have left sharing (Order 36): not carried, not listed.
            if (!asked.contains(r.category()) || !(r.status() == RecordStatus.ACTIVE || r.status() == RecordStatus.DISPUTED)) continue;
            ObjectNode record = (ObjectNode) json.readTree(r.canonical());
            ObjectNode fields = record.path("fields").isObject() ? (ObjectNode) record.path("fields") : json.createObjectNode();
            Set<String> present = new TreeSet<>();
            fields.fieldNames().forEachRemaining(f -> {
                if (!fields.path(f).isNull() && !fields.path(f).asText("x").isEmpty()) present.add(f);
            });
            Decision d = policies.evaluate(Scope.ALLIANCE_RECORD, new AllianceRecord(r.id(), r.category(), present,
                    personal.of(r.category(), present), personal.aboutAPerson(r.canonical()), alliance.withholdPersonal(),
                    alliance.withheldFields()), today);
            boolean whole = false;
            Set<String> cut = new LinkedHashSet<>();
            for (String w : d.withheld()) {
                String[] ruleWhat = w.split("\t", 2);
                withheld.add(item(ruleWhat[1], ruleWhat[0]));
                if (ruleWhat[1].equals("record " + r.id())) whole = true;
                else cut.add(ruleWhat[1].substring(ruleWhat[1].lastIndexOf("fields.") + "fields.".length()));
            }
            if (whole) continue;
            if (cut.isEmpty()) {
                full.add(r);
            } else {
                cut.forEach(fields::remove);
                shown.put(r, record);
            }
        }
        Delivery delivery = builder.build(full).inlined();
        ObjectNode out = json.createObjectNode();
        out.put("answeredBy", self);
        out.put("partner", partner);
        out.put("subject", q.subject());
        out.put("purpose", q.purpose());
        ArrayNode cats = out.putArray("categories");
        asked.stream().sorted().forEach(cats::add);
        out.put("policy", alliance.policy());
        out.put("alliance", alliance.name());
        out.put("at", clock.instant().toString());
        ArrayNode records = out.putArray("records");
        for (FederatedRecord r : delivery.records()) records.add(json.valueToTree(r));
        Map<String, List<String>> all = new java.util.TreeMap<>();
        if (delivery.certificates() != null) all.putAll(delivery.certificates());
        for (Map.Entry<StoredRecord, ObjectNode> e : shown.entrySet()) {
            StoredRecord s = e.getKey();
            // one delivery per record, so its inclusion proof is whole (deliveries trim paths shared with earlier records)
            Delivery alone = builder.build(List.of(s)).inlined();
            ObjectNode item = json.valueToTree(alone.records().get(0));
            item.remove("canonical"); // the origin signed the whole text; what is shown of it is vouched for by this answer's signature
            item.put("recordId", s.id());
            item.set("shown", e.getValue());
            // RFC 9162 leaf of the whole record: checkable under the origin's signed batch root without the withheld fields
            item.put("leafHash", java.util.HexFormat.of().formatHex(org.creditnode.sign.MerkleTree.leafHash(
                    org.creditnode.sign.SignatureAlgorithm.fromWireName(s.sigAlg()).hashAlgorithm(),
                    s.canonical().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            item.put("redacted", "部分字段按联盟规则不予共享：原文不随附；leafHash 可在来源节点签名的批次中核验，所示字段以本应答签名为证");
            redacted.add(item);
            if (alone.certificates() != null) all.putAll(alone.certificates());
        }
        redacted.sort(Comparator.comparing(n -> n.path("recordId").asText()));
        redacted.forEach(records::add);
        ArrayNode w = out.putArray("withheld");
        withheld.forEach(w::add);
        ObjectNode certs = out.putObject("certificates");
        all.forEach((k, v) -> {
            ArrayNode a = certs.putArray(k);
            v.forEach(a::add);
        });
        SignedAnswer.sign(out, signer, signingChain);
        return out;
    }

    private ObjectNode item(String what, String rule) {
        ObjectNode n = json.createObjectNode();
        n.put("what", what);
        n.put("rule", rule);
        n.put("说明", LABELS.getOrDefault(rule, rule));
        return n;
    }

    /**
     * The alliance the query is judged under: of those naming the caller, the one whose rules fit
     * best (certificate accepted, in force, purpose declared). Contradictory alliances cannot
     * both fit: {@link Alliances#load} refused them at start.
     */
    private Alliance choose(String partner, List<X509Certificate> chain, Query q, LocalDate today) {
        Alliance best = null;
        int bestScore = -1;
        for (Alliance a : alliances.naming(partner)) {
            String anchor = anchorOf(chain, a);
            int score = (anchor != null && (anchor.equals(AllianceQuery.NATIONAL_ROOT) || anchor.equals(partner)) ? 4 : 0)
                    + (a.inForce(today) ? 2 : 0) + (a.purposes().contains(q.purpose()) ? 1 : 0);
            if (score > bestScore) {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }

    /** The national root, or the member whose alliance anchor the chain ends at, or null. */
    private String anchorOf(List<X509Certificate> chain, Alliance a) {
        if (ChainAnchor.endsAt(chain, nationalTls)) return AllianceQuery.NATIONAL_ROOT;
        if (a == null) return null;
        for (Map.Entry<String, List<X509Certificate>> e : a.anchors().entrySet()) {
            if (ChainAnchor.endsAt(chain, e.getValue())) return e.getKey();
        }
        return null;
    }

    private void refuse(Alliance a, String partner, Query q, String subjectKey, String rule, String message) {
        activity.refusedHere(a == null ? "-" : a.id(), partner, rule, message, clock.instant());
        audit.alliance("ALLIANCE_QUERY_REFUSED", partner, q == null ? null : q.purpose(), subjectKey, rule,
                (a == null ? "" : a.policy() + ": ") + message);
    }

    /** The subject as the audit keeps it: its keyed index (HMAC), never a person's ID number in clear. */
    private String subjectKey(Query q) {
        return q == null || !q.subject().matches("[0-9A-Z]{18}") ? null : cipher.subjectIndex(q.subject());
    }

    private static String ruleOf(String reason) {
        int colon = reason.indexOf(':');
        return colon > 0 ? reason.substring(0, colon) : reason;
    }

    private static List<String> ids(JsonNode records) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : records) out.add(r.has("recordId") ? r.path("recordId").asText() : r.path("hash").asText().substring(0, 12));
        return out;
    }
}
