package org.creditnode.workflows.jointaction;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.log.LogConsumer;
import org.creditnode.store.JointActions;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer of the committed-record log that keeps the joint-action projection: each
 * JOINT_ACTION record this node stores — initiated here, or an initiation, response or feedback
 * received from a neighbour — lands in its table. The initiator's node and every node above see
 * responses and feedback as they arrive (跟踪问效).
 */
public final class JointActionIndexer implements LogConsumer {
    public static final String CATEGORY = "JOINT_ACTION";
    private static final Logger LOG = LoggerFactory.getLogger(JointActionIndexer.class);

    private final RecordStore store;
    private final JointActions actions;
    private final ObjectMapper json;

    public JointActionIndexer(RecordStore store, JointActions actions, ObjectMapper json) {
        this.store = store;
        this.actions = actions;
        this.json = json;
    }

    @Override
    public String name() { return "joint-actions"; }

    /** Not on the committing thread: an ingest's answer waits for nothing of joint actions (their own steps read their writes). */
    @Override
    public boolean runsOnCommit() { return false; }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        for (RecordLog.Entry e : entries) {
            if (!CATEGORY.equals(e.category())) continue;
            StoredRecord r = store.find(e.id()).orElse(null);
            if (r != null) apply(r, json.readTree(r.canonical()));
        }
    }

    void apply(StoredRecord r, JsonNode rec) throws java.sql.SQLException {
        JsonNode f = rec.path("fields");
        String authority = RecordAuthority.code(rec);
        String authorityName = rec.path("authority").path("name").asText(null);
        LocalDate on = LocalDate.parse(rec.path("decisionDate").asText());
        switch (f.path("JA_KIND").asText()) {
            case "INITIATE" -> actions.putAction(new JointActions.Action(r.id(), r.origin(), f.path("JA_LIST_RECORD").asText(), authority,
                    authorityName, List.copyOf(split(f.path("JA_MEASURES").asText())), LocalDate.parse(f.path("JA_RESPOND_BY").asText()), on,
                    List.copyOf(split(f.path("JA_IMPLEMENTERS").asText()))));
            case "RESPONSE" -> actions.putResponse(new JointActions.Response(f.path("JA_ACTION").asText(), authority, authorityName, r.origin(),
                    split(f.path("JA_FULFILS").asText()), f.path("JA_DECISION").asText(), text(f, "JA_REASON"), on, r.id()));
            case "FEEDBACK" -> actions.putFeedback(new JointActions.Feedback(f.path("JA_ACTION").asText(), authority, f.path("JA_MEASURE").asText(),
                    f.path("JA_APPLIED").asText(), f.hasNonNull("JA_APPLIED_DATE") ? LocalDate.parse(f.get("JA_APPLIED_DATE").asText()) : null,
                    text(f, "JA_DOC_NO"), text(f, "JA_EFFECT"), on, r.id()));
            default -> LOG.warn("joint action record {} has no known JA_KIND: skipped", r.id());
        }
    }

    static Set<String> split(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : s.split(";")) if (!p.isBlank()) out.add(p.trim());
        return out;
    }

    private static String text(JsonNode f, String key) {
        return f.hasNonNull(key) ? f.get(key).asText() : null;
    }
}
