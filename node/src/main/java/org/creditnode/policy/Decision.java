package org.creditnode.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a policy decided and why: the reasons name the functions that decided, and where a policy
 * hides data, {@code withheld} says what (so that an answer can list what it left out and by
 * which rule).
 */
public record Decision(boolean permitted, List<String> reasons, List<String> withheld) {

    public Decision {
        reasons = List.copyOf(reasons);
        withheld = List.copyOf(withheld);
    }

    public static Decision permit(String reason) {
        return new Decision(true, List.of(reason), List.of());
    }

    public static Decision deny(String reason) {
        return new Decision(false, List.of(reason), List.of());
    }

    /** Both must permit; the reasons of the side(s) that decided are kept. */
    Decision and(Decision other) {
        if (permitted && !other.permitted) return other;
        if (!permitted && other.permitted) return this;
        List<String> r = new ArrayList<>(reasons);
        r.addAll(other.reasons);
        List<String> w = new ArrayList<>(withheld);
        w.addAll(other.withheld);
        return new Decision(permitted, r, w);
    }

    /** The first reason, for messages and audit entries. */
    public String reason() { return reasons.isEmpty() ? "" : reasons.get(0); }
}
