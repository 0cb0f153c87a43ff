package org.creditnode.alliance;

import org.creditnode.access.Purposes;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.MutableClock;
import org.creditnode.policy.Policies;
import org.creditnode.policy.PolicyEngine;
import org.creditnode.record.Catalogue;
import org.creditnode.record.SampleRecords;
import org.creditnode.store.Database;
import org.creditnode.store.RecognitionSwitches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recognition (互认) at Jiangxi under the repository's alliance files: whose entries are a
 * partner's, which count, and an operator's switch — at once on the instance that took it, on
 * another instance after the refresh, and after a restart.
 */
class RecognitionTest {
    private static final Catalogue CATALOGUE = SampleRecords.catalogue();
    private static final Purposes PURPOSES = Purposes.load(SampleRecords.configDir().resolve("purposes.yaml"), CATALOGUE);
    private static final PolicyEngine POLICIES = Policies.standard(null);
    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);

    @TempDir
    Path dir;

    private static Alliances jiangxi() {
        return Alliances.load("360000", List.of("pprd", "yrd"), SampleRecords.configDir().resolve("alliances"), CATALOGUE, PURPOSES);
    }

    @Test
    void partnersEntriesCountAsTheAllianceFilesSayAndDomesticOnesAlways() {
        Recognition r = new Recognition(jiangxi(), POLICIES);
        assertFalse(r.of("360404", "RED_LIST", DAY).partner(), "a county of Jiangxi's own province is domestic");
        assertFalse(r.of("430000", "RED_LIST", DAY).partner(), "Hunan is in no alliance of this node here: domestic (national lists)");
        Recognition.Verdict jiangsuCity = r.of("320500", "RED_LIST", DAY);
        assertTrue(jiangsuCity.partner() && jiangsuCity.recognised(), jiangsuCity.toString());
        assertEquals("320000", jiangsuCity.partnerId(), "a city of Jiangsu is Jiangsu's region");
        assertEquals("yrd", jiangsuCity.alliance().id());
        Recognition.Verdict hkPenalty = r.of("810000", "ADMIN_PENALTY", DAY);
        assertTrue(hkPenalty.partner() && !hkPenalty.recognised(), hkPenalty.toString());
        assertEquals("category-recognised: pprd/2026.1 does not recognise ADMIN_PENALTY", hkPenalty.rule());
        Recognition.Verdict early = r.of("320000", "RED_LIST", LocalDate.of(2025, 6, 1));
        assertFalse(early.recognised());
        assertEquals("recognition-in-force: yrd/2026.1 applies from 2026-01-01", early.rule(), "before the alliance's rules apply");
    }

    @Test
    void anOperatorsSwitchHoldsOnEveryInstanceAndAfterARestart() throws Exception {
        NodeConfig.Storage storage = new NodeConfig.Storage();
        storage.url = "jdbc:h2:file:" + dir.resolve("db");
        MutableClock clock = new MutableClock();
        try (Database db = new Database(storage)) {
            RecognitionSwitches switches = new RecognitionSwitches(db);
            Recognition a = new Recognition(jiangxi(), POLICIES, switches, clock);
            Recognition b = new Recognition(jiangxi(), POLICIES, switches, clock);
            a.set("yrd", "320000", "RED_LIST", false, "operator-1");
            Recognition.Verdict off = a.of("320000", "RED_LIST", DAY);
            assertFalse(off.recognised(), "at once where it was switched");
            assertTrue(off.rule().contains("switched off by an operator"), off.rule());
            assertTrue(b.of("320000", "RED_LIST", DAY).recognised(), "the other instance has not re-read yet");
            clock.advance(Duration.ofMillis(Recognition.REFRESH_MILLIS + 1));
            assertFalse(b.of("320000", "RED_LIST", DAY).recognised(), "the other instance after its refresh");
            assertTrue(b.of("320000", "SERIOUS_DISHONESTY_LIST", DAY).recognised(), "per category");
            assertEquals(List.of("yrd/320000/RED_LIST"), new Recognition(jiangxi(), POLICIES, switches, clock).switchedOffList(), "after a restart");
            a.set("yrd", "320000", "RED_LIST", true, "operator-1");
            assertTrue(new Recognition(jiangxi(), POLICIES, switches, clock).of("320000", "RED_LIST", DAY).recognised(), "on again, kept so");
        }
    }
}
