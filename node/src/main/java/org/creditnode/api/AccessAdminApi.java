package org.creditnode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.creditnode.access.AccessControl;
import org.creditnode.account.Account;
import org.creditnode.account.OperatorRole;
import org.creditnode.access.Purposes;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.problem.Problem;
import org.creditnode.store.AuditChain;
import org.creditnode.store.AuditLog;
import org.creditnode.store.Reencryption;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who may call the node, and the evidence of who did: accounts and operator tokens, the query
 * log by subject, the audit chain, and the data keys. Admin listener only; the operator gate
 * lets auditors GET and operators do everything.
 */
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class AccessAdminApi {
    public record OperatorRequest(String name, String role) {
    }

    public record RevokeRequest(String reason) {
    }

    private final AccessControl access;
    private final AuditLog audit;
    private final AuditChain chain;
    private final RecordCipher cipher;
    private final Reencryption reencryption;
    private final java.nio.file.Path archiveDir;
    private final ObjectMapper json;

    public AccessAdminApi(AccessControl access, AuditLog audit, AuditChain chain, RecordCipher cipher, Reencryption reencryption,
                          java.nio.file.Path archiveDir, ObjectMapper json) {
        this.access = access;
        this.audit = audit;
        this.chain = chain;
        this.cipher = cipher;
        this.reencryption = reencryption;
        this.archiveDir = archiveDir;
        this.json = json;
    }

    @POST
    @Path("/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createAccount(AccessControl.AccountRequest request) throws Exception {
        var created = access.createAccount(request);
        Account a = created.holder();
        audit.byAccount("ACCOUNT_CREATED", Callers.operator().id(), "OPERATOR", "account " + a.id() + " (" + a.name() + ") for "
                + a.authorities() + " categories " + a.categories() + " purposes " + a.purposes() + " roles " + a.roles());
        Map<String, Object> out = view(a);
        out.put("key", created.secret());
        return Response.status(201).entity(out).build();
    }

    @GET
    @Path("/accounts")
    public Response accounts() throws Exception {
        return Response.ok(Map.of("accounts", access.accounts().stream().map(AccessAdminApi::view).toList())).build();
    }

    @DELETE
    @Path("/accounts/{id}")
    public Response revokeAccount(@PathParam("id") String id, @QueryParam("reason") String reason) throws Exception {
        if (!access.revokeAccount(id, reason)) {
            throw new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no active account " + id + " (unknown, or revoked already)");
        }
        audit.byAccount("ACCOUNT_REVOKED", Callers.operator().id(), "OPERATOR", "account " + id + " revoked: "
                + (reason == null ? "no reason given" : reason));
        return Response.ok(Map.of("id", id, "state", "REVOKED")).build();
    }

    @POST
    @Path("/operators")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createOperator(OperatorRequest request) throws Exception {
        OperatorRole role;
        try {
            role = OperatorRole.valueOf(request == null || request.role() == null ? "" : request.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_OPERATOR", "role: one of " + List.of(OperatorRole.values()));
        }
        var created = access.createOperator(request.name(), role);
        audit.byAccount("OPERATOR_CREATED", Callers.operator().id(), "OPERATOR", "operator " + created.holder().id() + " ("
                + created.holder().name() + ") role " + role);
        return Response.status(201).entity(Map.of("id", created.holder().id(), "name", created.holder().name(), "role", role,
                "token", created.secret())).build();
    }

    @GET
    @Path("/operators")
    public Response operators() throws Exception {
        return Response.ok(Map.of("operators", access.operators())).build();
    }

    @DELETE
    @Path("/operators/{id}")
    public Response revokeOperator(@PathParam("id") String id) throws Exception {
        if (!access.revokeOperator(id)) throw new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no active operator " + id);
        audit.byAccount("OPERATOR_REVOKED", Callers.operator().id(), "OPERATOR", "operator " + id + " revoked");
        return Response.ok(Map.of("id", id, "state", "REVOKED")).build();
    }

    /** "Who looked at me" (JX15 §77): for an operator acting on the subject's request; the look itself is audited. */
    @GET
    @Path("/subjects/{code}/queries")
    public Response queries(@PathParam("code") String code, @QueryParam("limit") @DefaultValue("100") int limit) throws Exception {
        String subject = code.trim().toUpperCase(Locale.ROOT);
        String key = cipher.subjectIndex(subject);
        Map<String, Account> accounts = new LinkedHashMap<>();
        access.accounts().forEach(a -> accounts.put(a.id(), a));
        Purposes purposes = access.purposes();
        List<Map<String, Object>> out = audit.queriesAbout(key, Math.max(1, Math.min(limit, 1000))).stream().map(e -> {
            Map<String, Object> q = new LinkedHashMap<>();
            Account a = accounts.get(e.account());
            q.put("at", e.at());
            q.put("account", e.account());
            q.put("accountName", a == null ? null : a.name());
            q.put("authorities", a == null ? List.of() : a.authorities());
            q.put("purpose", e.purpose());
            q.put("purposeLabel", purposes.find(e.purpose()).map(Purposes.Purpose::label).orElse(null));
            q.put("record", e.recordId());
            q.put("returned", e.message());
            return q;
        }).toList();
        audit.byAccount("QUERY_LOG_READ", Callers.operator().id(), "OPERATOR", "query log of a subject read by " + Callers.operator().name()
                + " (" + out.size() + " entries)");
        return Response.ok(Map.of("queries", out)).build();
    }

    @GET
    @Path("/audit/verify")
    public Response verify() throws Exception {
        AuditChain.Verdict v = chain.verify();
        return Response.status(v.ok() ? 200 : 409).entity(v).build();
    }

    @POST
    @Path("/audit/seal")
    public Response seal() throws Exception {
        AuditChain.Seal s = chain.seal();
        return Response.ok(s == null ? Map.of("sealed", false, "reason", "nothing new since the last seal")
                : Map.of("sealed", true, "eventNo", s.eventNo(), "hash", s.hash(), "sealedAt", s.sealedAt())).build();
    }

    @POST
    @Path("/audit/archive")
    public Response archive(@QueryParam("upTo") Long upTo) throws Exception {
        if (upTo == null || upTo < 1) throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_REQUEST", "upTo: the last entry number to archive");
        try {
            AuditChain.Archived a = chain.archive(upTo, archiveDir, json);
            return Response.ok(Map.of("file", a.file().toString(), "signature", a.signature().toString(), "from", a.from(),
                    "to", a.to(), "entries", a.entries())).build();
        } catch (IllegalStateException e) {
            throw new Problem(Problem.Kind.CONFLICT, "CHAIN_BROKEN", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "NOTHING_TO_ARCHIVE", e.getMessage());
        }
    }

    @GET
    @Path("/keys")
    public Response keys() throws Exception {
        Reencryption.Progress p = reencryption.progress();
        return Response.ok(Map.of("currentDataKey", cipher.currentKey(), "recordsNotUnderCurrentKey", reencryption.remaining(),
                "lastRun", p)).build();
    }

    /** A new data key; records are re-encrypted under it in the background while the node serves. */
    @POST
    @Path("/keys/rotate")
    public Response rotate() throws Exception {
        int key = cipher.keys().rotate();
        Thread t = new Thread(() -> {
            try {
                reencryption.runAll(500);
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(AccessAdminApi.class).error("re-encryption under data key {} stopped: {}", key, e.toString());
            }
        }, "reencrypt-" + key);
        t.setDaemon(true);
        t.start();
        return Response.status(202).entity(Map.of("currentDataKey", key, "state", "RE-ENCRYPTING",
                "progress", "GET /admin/v1/keys")).build();
    }

    private static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("authorities", a.authorities());
        m.put("categories", a.categories());
        m.put("purposes", a.purposes());
        m.put("roles", a.roles());
        if (a.departmentType() != null) m.put("departmentType", a.departmentType());
        m.put("rateLimit", a.rateLimit());
        m.put("expires", a.expires() == null ? null : a.expires().toString());
        m.put("created", a.created().toString());
        m.put("state", a.revoked() != null ? "REVOKED" : a.expires() != null && a.expires().isBefore(java.time.Instant.now()) ? "EXPIRED" : "ACTIVE");
        if (a.revoked() != null) m.put("revoked", a.revoked().toString() + ": " + a.revokeReason());
        return m;
    }
}
