package org.creditnode.record;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a record stands, as its origin signed it (a new version changes it) or, for EXPIRED, as
 * the publicity rule shows it on a given day. The labels are what a person reads in answers.
 */
public enum RecordStatus {
    /** In force and published. */
    ACTIVE("有效"),
    /** An objection (异议) is being handled: its measures are suspended until the origin decides. */
    DISPUTED("异议处理中"),
    /** Credit repair (信用修复) granted: publicity ended and measures lifted. */
    REPAIRED("已修复"),
    /** Taken off a list by the deciding authority's decision (移出名单): its measures end. */
    EXITED("已移出名单"),
    /** Revoked by the deciding authority (撤销). */
    REVOKED("已撤销"),
    /** Past its publicity period: no longer published, kept for the record. */
    EXPIRED("公示期满"),
    /** Temporarily shielded (暂时屏蔽), e.g. for a firm in bankruptcy restructuring. */
    SHIELDED("暂时屏蔽");

    private final String label;

    RecordStatus(String label) {
        this.label = label;
    }

    /** The Chinese label shown to people. */
    public String label() { return label; }

    /** The status a stored or received text names, if it is one. */
    public static Optional<RecordStatus> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
