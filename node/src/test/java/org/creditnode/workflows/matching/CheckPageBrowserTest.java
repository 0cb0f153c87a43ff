package org.creditnode.workflows.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.config.NodeConfig;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embeddable check page in a real headless Chromium (Debian's chromium, installed by .ci/run): the answer in Chinese. */
class CheckPageBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theCheckPageShowsEntriesAndMeasuresInChinese() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium is installed by .ci/run (scripts/test-chromium.sh)");
        Path cfg = TestNodes.writeConfig(dir, "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n");
        try (CreditNode node = CreditNode.start(NodeConfig.load(cfg).resolve(null, null), Clock.systemUTC())) {
            Http admin = TestAccess.admin(node);
            String key = TestAccess.accountKey(admin, Map.of("name", "审批系统", "authorities", List.of(TestAccess.AUTHORITY),
                    "categories", List.of("SERIOUS_DISHONESTY_LIST"), "purposes", List.of("PROCUREMENT")));
            Http dept = new Http(node.apiAddress()).withToken(key);
            ObjectNode listed = SampleRecords.seriousDishonesty();
            String subject = listed.get("subject").get("code").asText();
            assertEquals(1, dept.postJson("/api/v1/records", Map.of("records", List.of(listed))).json().get("accepted").size());
            Await.until("the entry in the matching index", Duration.ofSeconds(30), () -> dept.postJson("/api/v1/checks",
                    Map.of("subject", subject, "purpose", "PROCUREMENT")).json().path("entries").size() == 1);

            Http.Reply page = new Http(node.apiAddress()).get("/check");
            assertEquals(200, page.status());
            assertTrue(page.contentType().startsWith("text/html"), page.contentType());

            String dom = render(chromium, node.apiAddress() + "check?subject=" + subject + "&purpose=PROCUREMENT#key=" + key);
            assertTrue(dom.contains("信用核查结果：" + subject), dom);
            assertTrue(dom.contains("拖欠农民工工资失信联合惩戒对象"), dom);
            assertTrue(dom.contains("强制性措施") && dom.contains("限制参与政府采购活动"), dom);
            assertTrue(dom.contains("依据：《政府采购法》第二十二条"), dom);
            assertTrue(dom.contains("核查凭证：chk-"), dom);

            String noKey = render(chromium, node.apiAddress() + "check?subject=" + subject + "&purpose=PROCUREMENT");
            assertTrue(noKey.contains("缺少接口密钥"), noKey);
            assertFalse(noKey.contains("限制参与政府采购活动"));
            String refused = render(chromium, node.apiAddress() + "check?subject=" + subject + "&purpose=HONOURS#key=" + key);
            assertTrue(refused.contains("核查未完成（PURPOSE_NOT_ALLOWED）"), refused);
        }
    }

    /** The page's DOM after its script ran, from headless Chromium. */
    private String render(Path chromium, String url) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        return new String(out, StandardCharsets.UTF_8);
    }
}
