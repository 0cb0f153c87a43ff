package org.creditnode.workflows.jointaction;

import org.creditnode.account.Account;
import org.creditnode.record.CodeCheck;
import org.creditnode.record.UnifiedSocialCreditCode;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a joint action asks to act, in one text form that travels in the signed record and is
 * matched against accounts on every node: {@code USCC:<authority code>} for one department,
 * {@code TYPE:<部门类型>} for every department of a type wherever the action reaches, and
 * {@code TYPE:<部门类型>@<node>} for those of one node.
 */
public final class Assignments {
    private static final Pattern NODE = Pattern.compile("\\d{6}");
    private static final Pattern TYPE = Pattern.compile("[^,;:@\\s]{1,40}");

    private Assignments() {
    }

    /** One implementer as an API caller names it: {"authority"} or {"departmentType", "node"?}. */
    public record Implementer(String authority, String departmentType, String node) {
    }

    /** The assignment an implementer names, or why it names none (the message of a 400). */
    public static String parse(Implementer i, int index) {
        String where = "implementers[" + index + "]";
        if (i == null) throw JointActionService.bad(where, "name {\"authority\": USCC} or {\"departmentType\", \"node\"}");
        if (i.authority() != null && !i.authority().isBlank()) {
            if (i.departmentType() != null || i.node() != null) {
                throw JointActionService.bad(where, "name either an authority or a department type (with an optional node), not both");
            }
            String code = i.authority().trim().toUpperCase(Locale.ROOT);
            CodeCheck check = UnifiedSocialCreditCode.check(code);
            if (!check.valid()) throw JointActionService.bad(where + ".authority", check.code() + ": " + check.message());
            return "USCC:" + code;
        }
        String type = i.departmentType() == null ? "" : i.departmentType().trim();
        if (!TYPE.matcher(type).matches()) {
            throw JointActionService.bad(where + ".departmentType", "a department type such as 市场监管 (1 to 40 characters, no , ; : @ or spaces)");
        }
        if (i.node() == null || i.node().isBlank()) return "TYPE:" + type;
        if (!NODE.matcher(i.node().trim()).matches()) throw JointActionService.bad(where + ".node", "a 6-digit node id, got " + i.node());
        return "TYPE:" + type + "@" + i.node().trim();
    }

    /** Every assignment this account, on this node, fulfils. */
    public static Set<String> of(Account a, String node) {
        Set<String> out = new LinkedHashSet<>();
        for (String authority : a.authorities()) out.add("USCC:" + authority);
        if (a.departmentType() != null) {
            out.add("TYPE:" + a.departmentType());
            out.add("TYPE:" + a.departmentType() + "@" + node);
        }
        return out;
    }

    /**
     * The region an assignment points into: the node it names, or the region code inside the
     * authority's USCC (characters 3 to 8); none for a department type everywhere.
     */
    public static String region(String assignment) {
        if (assignment.startsWith("USCC:")) return assignment.substring(7, 13);
        int at = assignment.indexOf('@');
        return at < 0 ? null : assignment.substring(at + 1);
    }

    /** How a person reads an assignment. */
    public static String label(String assignment) {
        if (assignment.startsWith("USCC:")) return "部门 " + assignment.substring(5);
        String t = assignment.substring(5);
        int at = t.indexOf('@');
        return at < 0 ? t + "部门（各地）" : t.substring(0, at) + "部门（节点 " + t.substring(at + 1) + "）";
    }
}
