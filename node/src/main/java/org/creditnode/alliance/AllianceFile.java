package org.creditnode.alliance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An alliance's file (config/alliances/&lt;id&gt;.yaml) as written; {@link Alliance} is the checked form. */
public final class AllianceFile {
    public String id;
    public String name;
    /** The answer's {@code policy} is "&lt;id&gt;/&lt;version&gt;": a partner can name the rules it was answered under. */
    public String version;
    public LocalDate from;
    /** Exclusive; none: open-ended. */
    public LocalDate until;
    public List<Member> members = new ArrayList<>();
    public Query query = new Query();
    /** SHA-256 fingerprints (hex, colons allowed) of members' TLS certificates the alliance has revoked. */
    public List<String> revokedCertificates = new ArrayList<>();
    /** Mutual recognition (互认) per category: read and checked now, acted on with issue 13 part 3. */
    public Map<String, Recognise> recognise = new LinkedHashMap<>();
    /** Cross-region joint actions (JXJ16 (15)): may an action initiated here name departments in these members' regions. */
    public JointActions jointActions = new JointActions();

    public static final class JointActions {
        public boolean enabled = false;
        /** Members whose departments may be named; empty: every member. */
        public List<String> with = new ArrayList<>();
    }

    public static final class Member {
        public String id;
        public String name;
        /** The member's federation (mutual TLS) listener. */
        public String url;
        /** PEM files (relative to the alliance file) of roots for members whose PKI is not the national one. */
        public List<String> trustAnchors = new ArrayList<>();
    }

    public static final class Query {
        public List<String> purposes = new ArrayList<>();
        /** Queries per second each partner may ask this node (429 beyond). */
        public int ratePerSecond = 10;
        /** Category → what of it is shared; an empty entry shares the category with only personal data withheld. */
        public Map<String, Share> share = new LinkedHashMap<>();
        public Withhold withhold = new Withhold();
    }

    public static final class Share {
        /** Fields withheld by name besides personal data. */
        public List<String> withholdFields = new ArrayList<>();
    }

    public static final class Withhold {
        /** Categories never shared in this alliance (written down so that a later edit cannot share them by accident). */
        public List<String> categories = new ArrayList<>();
        /** Natural persons' personal data (records about persons, personal fields of any record): withheld unless false. */
        public boolean personalData = true;
    }

    public static final class Recognise {
        public boolean enabled = true;
        /** Members whose entries of this category are recognised; empty: every member. */
        public List<String> from = new ArrayList<>();
    }
}
