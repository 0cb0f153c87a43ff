package org.creditnode.alliance;

import org.creditnode.access.Purposes;
import org.creditnode.certs.Pem;
import org.creditnode.config.ConfigException;
import org.creditnode.config.StrictYaml;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CategorySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alliances this node belongs to (node.alliances), read from their files and checked: every
 * name known to the catalogue and the purposes, this node a member, and no two rules that
 * contradict each other — the same category shared and withheld, or one partner under two
 * alliances with different sharing rules for one purpose in overlapping periods. Any of these
 * stops the node with {@code file:line:column} and what to fix, so that no answer ever depends on
 * which of two rules happened to be read first.
 */
public final class Alliances {
    private static final Logger LOG = LoggerFactory.getLogger(Alliances.class);

    private final String self;
    private final List<Alliance> all;

    public Alliances(String self, List<Alliance> all) {
        this.self = self;
        this.all = List.copyOf(all);
    }

    public static Alliances none(String self) {
        return new Alliances(self, List.of());
    }

    /** Reads {@code ids} from {@code dir}; throws ConfigException naming the file and line of the first problem. */
    public static Alliances load(String self, Collection<String> ids, Path dir, Catalogue catalogue, Purposes purposes) {
        List<Alliance> out = new ArrayList<>();
        for (String id : ids) {
            Path file = dir.resolve(id + ".yaml");
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("node.alliances names " + id + " but " + file + " does not exist (alliancesDir: " + dir + ")");
            }
            out.add(check(self, id, file, StrictYaml.read(file, AllianceFile.class), catalogue, purposes));
        }
        checkAgreement(self, out);
        return new Alliances(self, out);
    }

    static Alliance check(String self, String id, Path file, AllianceFile f, Catalogue catalogue, Purposes purposes) {
        if (!id.equals(f.id)) fail(file, "id:", 1, "id is " + f.id + " but the file is named " + id + ".yaml; they must agree");
        if (f.version == null || f.version.isBlank()) fail(file, "id:", 1, "version is missing (the answer's policy is <id>/<version>)");
        if (f.from == null) fail(file, "id:", 1, "from (the date the alliance's rules apply from) is missing");
        if (f.until != null && !f.until.isAfter(f.from)) fail(file, "until:", 1, "until " + f.until + " is not after from " + f.from);
        Map<String, Alliance.Member> members = new LinkedHashMap<>();
        Map<String, List<X509Certificate>> anchors = new TreeMap<>();
        for (AllianceFile.Member m : f.members) {
            if (m == null || m.id == null || !m.id.matches("\\d{6}")) fail(file, "members:", 1, "every member needs an id, a 6-digit region code");
            if (members.containsKey(m.id)) fail(file, "\"" + m.id + "\"", 2, "member " + m.id + " is named twice");
            if (!m.id.equals(self) && (m.url == null || !m.url.startsWith("https://"))) {
                fail(file, "\"" + m.id + "\"", 1, "member " + m.id + " has url " + m.url + "; members are reached over mutual TLS: https://host:port");
            }
            members.put(m.id, new Alliance.Member(m.id, m.name == null ? m.id : m.name, m.url));
            List<X509Certificate> roots = new ArrayList<>();
            for (String pem : m.trustAnchors) {
                Path p = file.getParent().resolve(pem).toAbsolutePath().normalize();
                if (!Files.isRegularFile(p)) {
                    // Not fatal: a demo federation creates the foreign PKI after the first node started. The member is then
                    // refused (its certificates chain to nothing this node trusts) and the operator view says why.
                    LOG.warn("alliance {}: trust anchor {} of member {} not found ({}); its certificates are refused until it exists",
                            id, p, m.id, StrictYaml.locate(file, pem, 1));
                    continue;
                }
                roots.addAll(Pem.readCertificates(p));
            }
            if (!roots.isEmpty()) anchors.put(m.id, List.copyOf(roots));
        }
        if (members.size() < 2) fail(file, "members:", 1, "an alliance needs at least two members");
        if (!members.containsKey(self)) {
            fail(file, "members:", 1, "this node (" + self + ") is not a member of " + id + "; remove " + id + " from node.alliances or add it here");
        }
        AllianceFile.Query q = f.query;
        if (q.ratePerSecond < 1) fail(file, "ratePerSecond:", 1, "query.ratePerSecond must be at least 1");
        for (String p : q.purposes) {
            if (purposes.find(p).isEmpty()) fail(file, p, 1, "purpose " + p + " is not in purposes.yaml " + new TreeSet<>(purposes.codes()));
        }
        if (q.purposes.isEmpty()) fail(file, "query:", 1, "query.purposes is empty: a mutual query is always for a declared purpose");
        Map<String, Set<String>> withheldFields = new TreeMap<>();
        for (Map.Entry<String, AllianceFile.Share> s : q.share.entrySet()) {
            CategorySpec spec = catalogue.category(s.getKey()).orElse(null);
            if (spec == null) fail(file, s.getKey() + ":", 1, "category " + s.getKey() + " is not in the catalogue");
            Set<String> fields = new TreeSet<>();
            AllianceFile.Share share = s.getValue() == null ? new AllianceFile.Share() : s.getValue();
            for (String field : share.withholdFields) {
                if (!spec.fields().containsKey(field)) fail(file, field, 1, "field " + field + " is not a field of " + s.getKey() + " in the catalogue");
                fields.add(field);
            }
            withheldFields.put(s.getKey(), Set.copyOf(fields));
        }
        for (String c : q.withhold.categories) {
            if (catalogue.category(c).isEmpty()) fail(file, c, 1, "category " + c + " is not in the catalogue");
            // The contradiction this check exists for: one file both sharing and withholding a category.
            if (q.share.containsKey(c)) {
                fail(file, c, 2, "category " + c + " is both shared (query.share, " + StrictYaml.locate(file, c + ":", 1)
                        + ") and withheld (query.withhold.categories); keep one");
            }
        }
        Set<String> revoked = new LinkedHashSet<>();
        for (String fp : f.revokedCertificates) {
            String hex = fp == null ? "" : fp.replace(":", "").toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) fail(file, String.valueOf(fp), 1, "revokedCertificates: a SHA-256 fingerprint is 64 hex digits, got " + fp);
            revoked.add(hex);
        }
        for (String m : f.jointActions.with) {
            if (!members.containsKey(m)) fail(file, m, 1, "jointActions.with names " + m + ", not a member of " + id);
        }
        for (Map.Entry<String, AllianceFile.Recognise> r : f.recognise.entrySet()) {
            if (catalogue.category(r.getKey()).isEmpty()) fail(file, r.getKey() + ":", 1, "recognise: category " + r.getKey() + " is not in the catalogue");
            if (r.getValue() != null) for (String m : r.getValue().from) {
                if (!members.containsKey(m)) fail(file, m, 1, "recognise." + r.getKey() + ".from names " + m + ", not a member of " + id);
            }
        }
        return new Alliance(id, f.name == null ? id : f.name, f.version.trim(), f.from, f.until, file, Map.copyOf(members), Map.copyOf(anchors),
                Set.copyOf(q.purposes), q.ratePerSecond, Set.copyOf(q.share.keySet()), Map.copyOf(withheldFields),
                Set.copyOf(q.withhold.categories), q.withhold.personalData, Set.copyOf(revoked), Map.copyOf(f.recognise), f.jointActions);
    }

    /**
     * A partner that is a member of two of this node's alliances, asking for a purpose both declare
     * in periods that overlap, must meet the same sharing rules under either; otherwise the answer
     * would depend on which alliance the node chose.
     */
    static void checkAgreement(String self, List<Alliance> alliances) {
        for (int i = 0; i < alliances.size(); i++) {
            for (int j = i + 1; j < alliances.size(); j++) {
                Alliance a = alliances.get(i);
                Alliance b = alliances.get(j);
                if (!a.overlaps(b) || a.sharingRules().equals(b.sharingRules())) continue;
                for (String partner : a.members().keySet()) {
                    if (partner.equals(self) || !b.names(partner)) continue;
                    for (String purpose : new TreeSet<>(a.purposes())) {
                        if (!b.purposes().contains(purpose)) continue;
                        throw new ConfigException(StrictYaml.locate(b.file(), purpose, 1) + ": member " + partner + " may ask for " + purpose
                                + " under both " + a.id() + " (" + StrictYaml.locate(a.file(), purpose, 1) + ") and " + b.id()
                                + ", in overlapping periods, with different sharing rules (shared " + new TreeSet<>(a.shared()) + " vs "
                                + new TreeSet<>(b.shared()) + "); give both alliances the same rules for " + purpose
                                + ", drop it from one, or make their periods (from/until) not overlap");
                    }
                }
            }
        }
    }

    private static void fail(Path file, String text, int occurrence, String what) {
        throw new ConfigException(StrictYaml.locate(file, text, occurrence) + ": " + what);
    }

    public List<Alliance> all() { return all; }

    public String self() { return self; }

    public Optional<Alliance> byId(String id) {
        return all.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The alliances that name {@code partner} (besides this node). */
    public List<Alliance> naming(String partner) {
        if (partner == null || partner.equals(self)) return List.of();
        return all.stream().filter(a -> a.names(partner)).toList();
    }

    /**
     * The roots the alliances name per member outside the national PKI: trusted in TLS handshakes,
     * then for that member alone ({@code CertificateOfMember}, a peer link's caller, its own records).
     * Only alliances this node is in count: Hong Kong's root means nothing to a node outside 泛珠三角.
     */
    public Map<String, List<X509Certificate>> memberAnchors() {
        Map<String, Set<X509Certificate>> out = new TreeMap<>();
        for (Alliance a : all) a.anchors().forEach((m, roots) -> out.computeIfAbsent(m, k -> new LinkedHashSet<>()).addAll(roots));
        Map<String, List<X509Certificate>> copy = new TreeMap<>();
        out.forEach((m, roots) -> copy.put(m, List.copyOf(roots)));
        return copy;
    }

    /** SHA-256 fingerprints of TLS certificates any alliance of this node revokes: refused on every federation call, not only queries. */
    public Set<String> revokedCertificates() {
        Set<String> out = new TreeSet<>();
        for (Alliance a : all) out.addAll(a.revoked());
        return out;
    }

    /** The URL of a partner's federation listener, from the first alliance that names it. */
    public Optional<String> urlOf(String partner) {
        return naming(partner).stream().map(a -> a.members().get(partner).url()).findFirst();
    }

    public boolean isEmpty() { return all.isEmpty(); }
}
