package org.creditnode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.camel.ProducerTemplate;
import org.creditnode.certs.Pem;
import org.creditnode.account.Account;
import org.creditnode.access.PurposeReads;
import org.creditnode.ingest.IngestResult;
import org.creditnode.ingest.IngestService;
import org.creditnode.problem.Problem;
import org.creditnode.sign.BatchStatement;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.store.RecordStore;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The department-facing API of PROTOCOL.md, prefix /api/v1. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class RecordsApi {
    public static final String INGEST_ENDPOINT = "direct:ingest";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_PAGE = 500;

    private final ProducerTemplate camel;
    private final RecordStore store;
    private final ObjectMapper json;
    private final RecordView view;
    private final CertificateBook certificates;
    private final long maxBodyBytes;
    private final long maxRequestNanos;
    private final Clock clock;
    private final PurposeReads reads;

    public RecordsApi(ProducerTemplate camel, RecordStore store, ObjectMapper json, CertificateBook certificates,
                      long maxBodyBytes, java.time.Duration maxRequestTime, Clock clock, PurposeReads reads) {
        this.maxRequestNanos = maxRequestTime.toNanos();
        this.reads = reads;
        this.camel = camel;
        this.store = store;
        this.json = json;
        this.view = new RecordView(json);
        this.certificates = certificates;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @POST
    @Path("/records")
    @Consumes(MediaType.WILDCARD) // the media type is checked here so that the error says what to send
    public Response submit(@HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Length") Long length,
                           InputStream body) {
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || MediaType.valueOf(contentType).isWildcardType()) {
            throw new Problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "send the batch as Content-Type: application/json, got "
                    + (contentType == null ? "none" : contentType));
        }
        String charset = MediaType.valueOf(contentType).getParameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new Problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "bodies are UTF-8 JSON, got charset=" + charset);
        }
        if (length != null && length > maxBodyBytes) {
            throw tooLarge();
        }
        JsonNode batch = parse(readBounded(body));
        IngestResult result = camel.requestBody(INGEST_ENDPOINT, new IngestService.Batch(Callers.account(), batch), IngestResult.class);
        return Response.ok(result).build();
    }

    @GET
    @Path("/records/{id}")
    public Response record(@PathParam("id") String id, @HeaderParam("X-Purpose") String purpose) throws SQLException {
        StoredRecord r = readable(id, purpose);
        SignBatch batch = r.batchId() == null ? null : store.batch(r.batchId()).orElse(null);
        return Response.ok(view.render(r, batch, LocalDate.now(clock.withZone(CHINA)))).build();
    }

    @GET
    @Path("/records/{id}/signed")
    public Response signed(@PathParam("id") String id, @HeaderParam("X-Purpose") String purpose) throws SQLException {
        StoredRecord r = readable(id, purpose);
        byte[] canonical = r.canonical().getBytes(StandardCharsets.UTF_8);
        SignatureAlgorithm alg = SignatureAlgorithm.fromWireName(r.sigAlg());
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode out = json.createObjectNode();
        out.put("id", r.id());
        out.put("version", r.version());
        out.put("canonical", b64.encodeToString(canonical));
        out.put("hashAlg", alg.hashAlgorithm().wireName());
        out.put("signatureAlg", alg.wireName());
        if (r.signature() != null) {
            out.put("signedData", b64.encodeToString(canonical));
            out.put("signature", r.signature());
        } else {
            SignBatch batch = store.batch(r.batchId()).orElseThrow(() -> new IllegalStateException("batch " + r.batchId() + " missing"));
            BatchStatement statement = new BatchStatement(batch.origin(), batch.batchId(), batch.treeSize(),
                    Base64.getDecoder().decode(batch.rootHash()), batch.signedAt());
            out.put("signedData", b64.encodeToString(statement.canonicalBytes()));
            out.put("signature", batch.signature());
            out.set("proof", view.proof(r, batch));
        }
        Optional<List<X509Certificate>> chain = certificates.chainFor(r.keyId());
        if (chain.isPresent()) {
            out.put("certificate", Pem.encode(chain.get().get(0)));
            ArrayNode rest = out.putArray("chain");
            chain.get().stream().skip(1).map(Pem::encode).forEach(rest::add);
        }
        return Response.ok(out).build();
    }

    @GET
    @Path("/subjects/{code}/records")
    public Response subjectRecords(@PathParam("code") String code, @QueryParam("limit") @DefaultValue("50") int limit,
                                   @QueryParam("cursor") String cursor, @HeaderParam("X-Purpose") String purpose) throws SQLException {
        Account account = Callers.account();
        reads.checkPurpose(account, purpose);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_LIMIT", "limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        long before = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new Problem(Problem.Kind.BAD_REQUEST, "BAD_CURSOR", "cursor must be the nextCursor value of the previous page");
            }
        }
        String subject = code.trim().toUpperCase(Locale.ROOT);
        List<StoredRecord> page = store.bySubject(subject, limit, before);
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        ObjectNode out = json.createObjectNode();
        out.put("purpose", purpose);
        ArrayNode items = out.putArray("records");
        java.util.Map<String, Integer> withheld = new java.util.TreeMap<>();
        List<String> returned = new java.util.ArrayList<>();
        for (StoredRecord r : page) {
            if (!reads.mayRead(account, purpose, r.category())) {
                withheld.merge(r.category(), 1, Integer::sum);
                continue;
            }
            SignBatch batch = r.batchId() == null ? null : store.batch(r.batchId()).orElse(null);
            items.add(view.render(r, batch, today));
            returned.add(r.id());
        }
        if (!withheld.isEmpty()) out.putPOJO("withheld", withheld);
        if (page.size() == limit) out.put("nextCursor", String.valueOf(page.get(page.size() - 1).rowNo()));
        else out.putNull("nextCursor");
        reads.logQuery(account, purpose, subject, null, returned, withheld);
        return Response.ok(out).build();
    }

    /** A record the calling account may read for the purpose it names; the read is written to the query log. */
    private StoredRecord readable(String id, String purpose) throws SQLException {
        Account account = Callers.account();
        reads.checkPurpose(account, purpose);
        StoredRecord r = store.find(id).orElseThrow(() -> new Problem(Problem.Kind.NOT_FOUND, "NOT_FOUND", "no record with id " + id));
        if (!reads.mayRead(account, purpose, r.category())) {
            reads.refuse(account, purpose, r);
        }
        reads.logQuery(account, purpose, subjectOf(r), r.id(), List.of(r.id()), java.util.Map.of());
        return r;
    }

    /** The subject code inside the record (the stored column holds only its keyed index). */
    private String subjectOf(StoredRecord r) {
        try {
            return json.readTree(r.canonical()).path("subject").path("code").asText().trim().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            throw new IllegalStateException("stored record " + r.id() + " is not JSON", e);
        }
    }

    private byte[] readBounded(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            long started = System.nanoTime();
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBodyBytes) throw tooLarge();
                if (System.nanoTime() - started > maxRequestNanos) {
                    throw new Problem(Problem.Kind.REQUEST_TIMEOUT, "REQUEST_TIMEOUT", "the body had not arrived after "
                            + maxRequestNanos / 1_000_000_000 + " s (" + total + " bytes so far); send it at once");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw new Problem(Problem.Kind.REQUEST_TIMEOUT, "REQUEST_TIMEOUT", "the request body stalled or arrived too slowly ("
                        + e.getMessage() + "); send it at once");
            }
            throw new Problem(Problem.Kind.BAD_REQUEST, "BODY_UNREADABLE", "could not read the request body: " + e.getMessage());
        }
    }

    /** Jetty's idle timeout and its minimum data rate both end a read with a timeout or a 408 in the cause chain. */
    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) return true;
            String m = String.valueOf(t.getMessage());
            if (m.contains("408") || m.contains("Idle timeout") || m.contains("data rate")) return true;
        }
        return false;
    }

    private Problem tooLarge() {
        return new Problem(Problem.Kind.TOO_LARGE, "BODY_TOO_LARGE", "the body is larger than this node's limit of " + maxBodyBytes + " bytes");
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) throw new Problem(Problem.Kind.BAD_REQUEST, "EMPTY_BODY", "the body is empty; send {\"records\": [ ... ]}");
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new Problem(Problem.Kind.BAD_REQUEST, "MALFORMED_JSON", "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "MALFORMED_JSON", "the body is not valid JSON: " + e.getMessage());
        }
    }
}
