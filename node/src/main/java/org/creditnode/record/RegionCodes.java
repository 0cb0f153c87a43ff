package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.ConfigException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The region code table (config/regions.yaml, GB/T 2260). The table is incomplete on purpose:
 * a code is valid when it is 6 digits, its 2-digit province prefix is known and it is not listed
 * as out of force. Identifiers (USCC, ID number) keep the code they were issued with for life,
 * so for them validity dates are ignored ({@link #checkIssuer}).
 */
public final class RegionCodes {

    private final Map<String, String> prefixes;
    private final Map<String, Region> regions;
    private final String nationalCode;

    public RegionCodes(Map<String, String> prefixes, Map<String, Region> regions, String nationalCode) {
        this.prefixes = Collections.unmodifiableMap(new LinkedHashMap<>(prefixes));
        this.regions = Collections.unmodifiableMap(new HashMap<>(regions));
        this.nationalCode = nationalCode;
    }

    public static RegionCodes load(Path file) {
        JsonNode root = YamlFiles.readTree(file);
        String national = root.path("nationalCode").asText(null);
        if (national == null || !isSixDigits(national)) throw new ConfigException(file + ": nationalCode must be 6 digits");
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("prefixes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().length() != 2 || IsoDates.digits(e.getKey(), 0, 2) < 0) {
                throw new ConfigException(file + ": prefix '" + e.getKey() + "' must be 2 digits");
            }
            prefixes.put(e.getKey(), e.getValue().asText());
        }
        if (prefixes.isEmpty()) throw new ConfigException(file + ": no prefixes listed");
        Map<String, Region> regions = new HashMap<>();
        for (JsonNode r : root.path("regions")) {
            String code = r.path("code").asText("");
            if (!isSixDigits(code)) throw new ConfigException(file + ": region code '" + code + "' must be 6 digits (quote it)");
            Region region = new Region(code, r.path("name").asText(""), date(file, r, "validFrom"), date(file, r, "validTo"));
            if (regions.put(code, region) != null) throw new ConfigException(file + ": region " + code + " listed twice");
            if (!prefixes.containsKey(code.substring(0, 2))) {
                throw new ConfigException(file + ": region " + code + " has no listed prefix " + code.substring(0, 2));
            }
        }
        return new RegionCodes(prefixes, regions, national);
    }

    private static LocalDate date(Path file, JsonNode r, String key) {
        JsonNode n = r.get(key);
        if (n == null || n.isNull()) return null;
        LocalDate d = IsoDates.parse(n.asText());
        if (d == null) throw new ConfigException(file + ": " + key + " of " + r.path("code").asText() + " must be YYYY-MM-DD");
        return d;
    }

    /** The listed entry for a code, if any (the table is incomplete). */
    public Optional<Region> find(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    /** Name of a listed code, else of its province, else empty. */
    public Optional<String> nameOf(String code) {
        Region r = code == null ? null : regions.get(code);
        if (r != null) return Optional.of(r.name());
        return code != null && code.length() >= 2 ? Optional.ofNullable(prefixes.get(code.substring(0, 2))) : Optional.empty();
    }

    public Map<String, String> provincePrefixes() {
        return prefixes;
    }

    public String nationalCode() {
        return nationalCode;
    }

    /** Whether {@code code} is a region in force on {@code date} (rule in the class comment). */
    public boolean isValid(String code, LocalDate date) {
        return check(code, date).valid();
    }

    /** As {@link #isValid}, with FORMAT or REGION and a reason. */
    public CodeCheck check(String code, LocalDate date) {
        CodeCheck issuer = checkIssuer(code, true);
        if (!issuer.valid()) return issuer;
        Region r = regions.get(code);
        if (r != null && date != null && !r.inForceOn(date)) {
            return CodeCheck.fail("REGION", "region " + code + " (" + r.name() + ") is not in force on " + date
                    + (r.validTo() != null ? "; valid to " + r.validTo() : "") + (r.validFrom() != null ? "; valid from " + r.validFrom() : ""));
        }
        return CodeCheck.VALID;
    }

    /**
     * The region rule for identifiers, which keep their issuing code for life: 6 digits and a
     * known province prefix; validity dates are not applied. The national code 100000 is allowed
     * only where {@code nationalAllowed} (USCC yes, resident ID number no).
     */
    public CodeCheck checkIssuer(String code, boolean nationalAllowed) {
        if (code == null || !isSixDigits(code)) return CodeCheck.fail("FORMAT", "a region code is 6 digits");
        String prefix = code.substring(0, 2);
        if (prefix.equals(nationalCode.substring(0, 2))) {
            if (!code.equals(nationalCode)) {
                return CodeCheck.fail("REGION", "prefix " + prefix + " is used only by the national code " + nationalCode + ", got " + code);
            }
            if (!nationalAllowed) return CodeCheck.fail("REGION", nationalCode + " (national level) is not a place of residence");
            return CodeCheck.VALID;
        }
        if (!prefixes.containsKey(prefix)) {
            return CodeCheck.fail("REGION", "unknown province prefix " + prefix + " (code " + code + ")");
        }
        return CodeCheck.VALID;
    }

    private static boolean isSixDigits(String s) {
        return s.length() == 6 && IsoDates.digits(s, 0, 6) >= 0;
    }
}
