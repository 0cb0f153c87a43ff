package org.creditnode.workflows.objection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.creditnode.store.DueProcess;
import org.creditnode.store.StoredRecord;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * At a record's origin: which holders have applied its current version, from their signed
 * acknowledgements (STATUS_ACK), and which are behind (WORKFLOWS §3 item 3). The holders expected
 * are the neighbours the record's category travels to and every node that ever acknowledged a
 * record of this origin and category — a holder that was down shows as behind until it catches up.
 */
public final class Holders {
    private final String node;
    private final String parent;
    private final List<String> children;
    private final DueProcess cases;
    private final Catalogue catalogue;

    public Holders(String node, String parent, List<String> children, DueProcess cases, Catalogue catalogue) {
        this.node = node;
        this.parent = parent;
        this.children = List.copyOf(children);
        this.cases = cases;
        this.catalogue = catalogue;
    }

    public ArrayNode of(StoredRecord r, ObjectMapper json) throws SQLException {
        TreeSet<String> expected = new TreeSet<>(cases.knownHolders(node, r.category()));
        CategorySpec spec = catalogue.category(r.category()).orElse(null);
        if (spec != null && spec.isAggregated() && parent != null) expected.add(parent);
        if (spec != null && spec.isDistributed()) expected.addAll(children);
        Map<String, Integer> applied = new TreeMap<>();
        for (DueProcess.Ack a : cases.acks(r.id())) applied.merge(a.holder(), a.version(), Math::max);
        applied.keySet().stream().filter(h -> !h.equals(node)).forEach(expected::add);
        ArrayNode out = json.createArrayNode();
        for (String h : expected) {
            ObjectNode o = out.addObject();
            o.put("node", h);
            Integer v = applied.get(h);
            if (v != null) o.put("appliedVersion", v);
            o.put("behind", v == null || v < r.version());
        }
        return out;
    }
}
