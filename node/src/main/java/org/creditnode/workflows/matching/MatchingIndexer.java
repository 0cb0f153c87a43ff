package org.creditnode.workflows.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.log.LogConsumer;
import org.creditnode.privacy.RecordCipher;
import org.creditnode.store.ListEntries;
import org.creditnode.store.RecordLog;
import org.creditnode.store.RecordStore;
import org.creditnode.store.StoredRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer of the committed-record log that keeps the matching index: every list entry this
 * node stores — its own, inherited from above, received from a neighbour — by the subject it is
 * about and by the responsible person it names (S5). A new version of an entry (an exit, a
 * dispute) replaces the old one's rows; seeing an entry again changes nothing.
 */
public final class MatchingIndexer implements LogConsumer {
    /** The catalogue categories that are list entries. */
    public static final Set<String> LIST_CATEGORIES = Set.of("RED_LIST", "SERIOUS_DISHONESTY_LIST");

    private final RecordStore store;
    private final ListEntries index;
    private final RecordCipher cipher;
    private final ObjectMapper json;

    public MatchingIndexer(RecordStore store, ListEntries index, RecordCipher cipher, ObjectMapper json) {
        this.store = store;
        this.index = index;
        this.cipher = cipher;
        this.json = json;
    }

    @Override
    public String name() { return "matching"; }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        List<ListEntries.Entry> rows = new ArrayList<>();
        for (RecordLog.Entry e : entries) {
            if (!LIST_CATEGORIES.contains(e.category()) || !ids.add(e.id())) continue;
            Optional<StoredRecord> newest = store.find(e.id());
            if (newest.isEmpty()) continue;
            rows.addAll(rows(newest.get()));
        }
        if (!ids.isEmpty()) index.put(ids, rows);
    }

    List<ListEntries.Entry> rows(StoredRecord r) throws java.io.IOException {
        JsonNode rec = json.readTree(r.canonical());
        JsonNode f = rec.path("fields");
        String listType = f.hasNonNull("LIST_TYPE") ? f.get("LIST_TYPE").asText() : null;
        LocalDate from = date(f.path("LIST_VALID_FROM"));
        LocalDate to = date(f.path("LIST_VALID_TO"));
        String code = rec.path("subject").path("code").asText().trim().toUpperCase(Locale.ROOT);
        List<ListEntries.Entry> out = new ArrayList<>();
        out.add(new ListEntries.Entry(cipher.storedSubject(code, r.canonical()), r.id(), r.version(), ListEntries.Role.SUBJECT, r.origin(),
                r.seq(), r.category(), listType, r.status().name(), r.decisionDate(), from, to));
        String responsible = f.path("LIST_FRDB_ZJHM").asText("").trim().toUpperCase(Locale.ROOT);
        if (!responsible.isEmpty()) {
            out.add(new ListEntries.Entry(cipher.subjectIndex(responsible), r.id(), r.version(), ListEntries.Role.RESPONSIBLE, r.origin(),
                    r.seq(), r.category(), listType, r.status().name(), r.decisionDate(), from, to));
        }
        return out;
    }

    private static LocalDate date(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? LocalDate.parse(n.asText()) : null;
    }
}
