package org.creditnode.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.federation.Delivery;
import org.creditnode.federation.FederatedRecord;
import org.creditnode.federation.FederationClient;
import org.creditnode.federation.RecordVerifier;
import org.creditnode.federation.Verdict;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditLog;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The asking side of a mutual query: an operator (or a department system through it) asks a
 * partner under one alliance; the answer is shown only once its signature (by that partner, chaining
 * to the national root or the partner's alliance anchor) and every full record (against its origin)
 * verify. Asked, answered or refused, it is audited here too.
 */
public final class PartnerQueries {
    private final String self;
    private final Alliances alliances;
    private final FederationClient client;
    private final List<X509Certificate> nationalSigning;
    private final RecordCipher cipher;
    private final AuditLog audit;
    private final AllianceActivity activity;
    private final ObjectMapper json;
    private final Clock clock;
    /** Per alliance and partner, so its caches of validated chains and batch signatures outlive one answer. */
    private final Map<String, RecordVerifier> verifiers = new java.util.concurrent.ConcurrentHashMap<>();

    public PartnerQueries(String self, Alliances alliances, FederationClient client, List<X509Certificate> nationalSigningAnchors,
                          RecordCipher cipher, AuditLog audit, AllianceActivity activity, ObjectMapper json, Clock clock) {
        this.self = self;
        this.alliances = alliances;
        this.client = client;
        this.nationalSigning = List.copyOf(nationalSigningAnchors);
        this.cipher = cipher;
        this.audit = audit;
        this.activity = activity;
        this.json = json;
        this.clock = clock;
    }

    /** Asks {@code partner} under {@code allianceId}; {@code body} is the query as the partner takes it plus "partner". */
    public ObjectNode ask(String allianceId, JsonNode body) {
        Alliance alliance = alliances.byId(allianceId).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "UNKNOWN_ALLIANCE",
                "this node is not in an alliance " + allianceId + " (its alliances: " + alliances.all().stream().map(Alliance::id).toList() + ")"));
        String partner = body == null ? null : body.path("partner").asText(null);
        if (partner == null || !alliance.names(partner) || partner.equals(self)) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "UNKNOWN_PARTNER", "partner: " + partner + " is not another member of "
                    + alliance.id() + " " + alliance.members().keySet());
        }
        QueryAnswers.Query q = QueryAnswers.Query.parse(body);
        ObjectNode query = json.createObjectNode().put("subject", q.subject()).put("purpose", q.purpose());
        if (!q.categories().isEmpty()) {
            ArrayNode c = query.putArray("categories");
            q.categories().forEach(c::add);
        }
        String subjectKey = q.subject().matches("[0-9A-Z]{18}") ? cipher.subjectIndex(q.subject()) : null;
        String url = alliance.members().get(partner).url().replaceAll("/+$", "") + "/federation/v1/queries";
        FederationClient.Reply reply;
        try {
            reply = client.postJson(url, json.writeValueAsString(query));
        } catch (IOException e) {
            activity.asked(alliance.id(), partner, true, "unreachable: " + e.getMessage(), clock.instant());
            audit.alliance("ALLIANCE_QUERY_ASKED", partner, q.purpose(), subjectKey, "UNREACHABLE", alliance.policy() + ": " + e.getMessage());
            throw new Problem(Problem.Kind.UNAVAILABLE, "PARTNER_UNREACHABLE", "partner " + partner + " at " + url + " did not answer: " + e.getMessage(), 30);
        }
        JsonNode answer;
        try {
            answer = json.readTree(reply.body());
        } catch (IOException e) {
            answer = json.createObjectNode().put("error", "NOT_JSON").put("message", "the partner's answer is not JSON");
        }
        if (!reply.ok()) {
            String why = answer.path("error").asText("HTTP_" + reply.status()) + ": " + answer.path("message").asText("");
            activity.asked(alliance.id(), partner, true, why, clock.instant());
            audit.alliance("ALLIANCE_QUERY_ASKED", partner, q.purpose(), subjectKey, "REFUSED_BY_PARTNER", alliance.policy() + ": " + reply.status() + " " + why);
            throw new Problem(kindOf(reply.status()), answer.path("error").asText("PARTNER_REFUSED"),
                    "partner " + partner + " answered " + reply.status() + ": " + answer.path("message").asText(""));
        }
        ObjectNode out = json.createObjectNode();
        out.put("alliance", alliance.id());
        out.put("partner", partner);
        ObjectNode verified = out.putObject("verified");
        // The national roots, and the partner's own roots where the alliance names some: Hong Kong's root
        // vouches for Hong Kong's answers and records, never for a "360000".
        List<X509Certificate> anchors = new ArrayList<>(nationalSigning);
        anchors.addAll(alliance.anchors().getOrDefault(partner, List.of())); // a TLS root among them verifies no signing chain
        String sigProblem = SignedAnswer.problem(answer, partner, anchors);
        RecordVerifier verifier = verifiers.computeIfAbsent(alliance.id() + "/" + partner, k -> {
            List<X509Certificate> own = alliance.anchors().getOrDefault(partner, List.of());
            return new RecordVerifier(nationalSigning, own.isEmpty() ? Map.of() : Map.of(partner, own));
        });
        List<String> recordProblems = verifyRecords(answer, partner, verifier);
        String expectedPolicy = alliance.policy();
        if (sigProblem == null && !answer.path("policy").asText().startsWith(alliance.id() + "/")) {
            sigProblem = "the answer names policy " + answer.path("policy").asText() + ", not one of " + alliance.id();
        }
        // The signed answer must be to this question from this node: a partner cannot pass off another answer as this one.
        if (sigProblem == null && !(self.equals(answer.path("partner").asText()) && q.subject().equals(answer.path("subject").asText())
                && q.purpose().equals(answer.path("purpose").asText()) && partner.equals(answer.path("answeredBy").asText()))) {
            sigProblem = "the signed answer is not to this query (partner " + answer.path("partner").asText() + ", subject, purpose "
                    + answer.path("purpose").asText() + ", answeredBy " + answer.path("answeredBy").asText() + ")";
        }
        verified.put("signature", sigProblem == null ? "OK" : sigProblem);
        verified.put("records", recordProblems.isEmpty() ? "OK" : String.join("; ", recordProblems));
        verified.put("policy", answer.path("policy").asText() + (answer.path("policy").asText().equals(expectedPolicy) ? "" : " (this node has " + expectedPolicy + ")"));
        boolean ok = sigProblem == null && recordProblems.isEmpty();
        activity.asked(alliance.id(), partner, false, null, clock.instant());
        audit.alliance("ALLIANCE_QUERY_ASKED", partner, q.purpose(), subjectKey, ok ? "VERIFIED" : "NOT_VERIFIED",
                alliance.policy() + ": " + answer.path("records").size() + " record(s), " + answer.path("withheld").size() + " withheld"
                        + (ok ? "" : "; " + verified));
        if (!ok) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "ANSWER_NOT_VERIFIED", "the answer of " + partner + " does not verify: "
                    + (sigProblem != null ? sigProblem : String.join("; ", recordProblems)) + "; it is not shown");
        }
        out.set("answer", answer);
        return out;
    }

    /**
     * Each whole record against its origin's signature or batch seal; a record with fields withheld
     * by its leaf's inclusion under the origin's signed batch ({@link RedactedProof}).
     */
    private List<String> verifyRecords(JsonNode answer, String partner, RecordVerifier verifier) {
        List<String> problems = new ArrayList<>();
        List<FederatedRecord> full = new ArrayList<>();
        try {
            for (JsonNode r : answer.path("records")) {
                if (r.has("canonical")) full.add(json.treeToValue(r, FederatedRecord.class));
            }
            Map<String, List<String>> certs = new LinkedHashMap<>();
            answer.path("certificates").fields().forEachRemaining(e -> {
                List<String> pems = new ArrayList<>();
                e.getValue().forEach(p -> pems.add(p.asText()));
                certs.put(e.getKey(), pems);
            });
            List<Verdict> verdicts = verifier.verifyAll(new Delivery(partner, full, certs));
            for (int i = 0; i < verdicts.size(); i++) {
                if (!verdicts.get(i).isOk()) problems.add("record " + i + ": " + verdicts.get(i).code() + " " + verdicts.get(i).message());
            }
            for (JsonNode r : answer.path("records")) {
                if (r.has("canonical")) continue;
                String p = RedactedProof.problem(r, answer.path("certificates"), verifier.anchorsFor(r.path("shown").path("origin").asText()));
                if (p != null) problems.add("record " + r.path("recordId").asText() + ": " + p);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("records unreadable: " + e.getMessage());
        }
        return problems;
    }

    private static Problem.Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Problem.Kind.BAD_REQUEST;
            case 403 -> Problem.Kind.FORBIDDEN;
            case 429 -> Problem.Kind.TOO_MANY_REQUESTS;
            case 404 -> Problem.Kind.NOT_FOUND;
            default -> Problem.Kind.UNAVAILABLE;
        };
    }

}
