package org.creditnode.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Valid sample records of every catalogue category, and generators of valid (synthetic) codes,
 * for tests in this and other packages. Every call returns a fresh ObjectNode the caller may
 * change. All numbers are made up; none belongs to a real person.
 */
public final class SampleRecords {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Decision date of the samples: in the past for any clock from 2026-11-10 on. */
    public static final LocalDate DECISION_DATE = LocalDate.of(2026, 11, 10);
    /** A clock shortly after the samples' decision date, for deterministic tests. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    /** 九江市柴桑区: the sample subjects' and authorities' region. */
    public static final String REGION = "360404";

    private SampleRecords() {
    }

    /** A valid penalty against the enterprise numbered {@code n} in the sample region: distinct n, distinct subjects. */
    public static ObjectNode penaltyAgainst(int n) {
        ObjectNode r = penalty();
        ((ObjectNode) r.get("subject")).put("code", validUscc(REGION, n));
        return r;
    }

    /** The repository's config directory: ../config from the module, or -Dcreditnode.config.dir. */
    public static Path configDir() {
        return Path.of(System.getProperty("creditnode.config.dir", "../config"));
    }

    public static Catalogue catalogue() {
        return Catalogue.load(configDir().resolve("catalog.yaml"));
    }

    public static RegionCodes regions() {
        return RegionCodes.load(configDir().resolve("regions.yaml"));
    }

    public static WorkingCalendar calendar() {
        return WorkingCalendar.load(configDir().resolve("holidays.yaml"));
    }

    /** A validator over the real config files with {@link #CLOCK}. */
    public static RecordValidator validator() {
        return new RecordValidator(catalogue(), regions(), CLOCK);
    }

    /**
     * A valid USCC of an enterprise (登记管理部门 9, 类别 1) registered in {@code region}; different
     * n (0..99999999) give different codes.
     */
    public static String validUscc(String region, int n) {
        return validUscc("91", region, n);
    }

    /** A valid USCC of a state organ (机关, "11"), as deciding authorities have. */
    public static String authorityUscc(String region, int n) {
        return validUscc("11", region, n);
    }

    /** A valid USCC with the given first two characters (registration authority and type). */
    public static String validUscc(String kind2, String region, int n) {
        String body = String.format("%08d", n);
        String first17 = kind2 + region + body + UnifiedSocialCreditCode.orgCodeCheckCharFor(body);
        return first17 + UnifiedSocialCreditCode.checkCharFor(first17);
    }

    /** A valid synthetic ID number; sequence 0..999 (odd = male). */
    public static String validIdNumber(String region, LocalDate birthDate, int sequence) {
        String first17 = region + String.format("%04d%02d%02d%03d", birthDate.getYear(), birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), sequence);
        return first17 + ResidentIdNumber.checkCharFor(first17);
    }

    /** A valid synthetic ID number, different for every n up to 20 million (birth dates from 1960 on). */
    public static String distinctIdNumber(int n) {
        int k = Math.floorMod(n, 20_000_000);
        return validIdNumber(REGION, LocalDate.of(1960, 1, 1).plusDays(k / 1000), k % 1000);
    }

    /** A valid synthetic ID number of someone born 1990-01-01 in {@link #REGION}; n picks the sequence. */
    public static String validIdNumber(int n) {
        return validIdNumber(REGION, LocalDate.of(1990, 1, 1), Math.floorMod(n, 1000));
    }

    /** 行政处罚 against an enterprise: a fine plus a warning, with every required item. */
    public static ObjectNode penalty() {
        ObjectNode r = envelope("ADMIN_PENALTY", "ORG", validUscc(REGION, 17), "九江示例建材有限公司");
        r.put("severity", "MINOR");
        ObjectNode f = r.putObject("fields");
        f.put("CF_WSH", "柴市监处罚〔2026〕17号");
        f.put("CF_WFXW", "销售不合格产品");
        f.put("CF_SY", "当事人于2026年8月销售经抽检不合格的建筑用砂。");
        f.put("CF_YJ", "《中华人民共和国产品质量法》第四十九条");
        f.put("CF_CFLB", "警告;罚款");
        f.put("CF_NR", "警告，并处罚款人民币贰万元整。");
        f.put("CF_NR_FK", 2.0);
        f.put("CF_YXQ", "2027-11-10");
        f.put("CF_SJLY", "九江市柴桑区市场监督管理局");
        f.put("CF_SJLYDM", authorityUscc(REGION, 2));
        return r;
    }

    /** 行政处罚 against a natural person. */
    public static ObjectNode penaltyAgainstPerson() {
        ObjectNode r = penalty();
        ObjectNode s = (ObjectNode) r.get("subject");
        s.put("kind", "PERSON");
        s.put("code", validIdNumber(17));
        s.put("name", "张三");
        return r;
    }

    /** 行政许可 to an enterprise. */
    public static ObjectNode licence() {
        ObjectNode r = envelope("ADMIN_LICENSE", "ORG", validUscc(REGION, 18), "九江示例食品有限公司");
        ObjectNode f = r.putObject("fields");
        f.put("XK_FRDB", "李四");
        f.put("XK_XKWS", "食品经营许可决定书");
        f.put("XK_WSH", "柴市监许〔2026〕88号");
        f.put("XK_XKLB", "普通");
        f.put("XK_XKZS", "食品经营许可证");
        f.put("XK_XKBH", "JY13604040012345");
        f.put("XK_NR", "预包装食品销售（含冷藏冷冻食品）");
        f.put("XK_YXQZ", "2026-11-10");
        f.put("XK_YXQZI", "2031-11-09");
        f.put("XK_ZT", "1");
        f.put("XK_LYDW", "九江市柴桑区市场监督管理局");
        f.put("XK_LYDWDM", authorityUscc(REGION, 2));
        return r;
    }

    /** 红名单 entry. */
    public static ObjectNode redList() {
        ObjectNode r = envelope("RED_LIST", "ORG", validUscc(REGION, 19), "九江示例物流有限公司");
        ObjectNode f = r.putObject("fields");
        f.put("LIST_NAME", "纳税信用A级纳税人");
        f.put("LIST_TYPE", "TAX_A");
        f.put("LIST_REASON", "2025年度纳税信用评价为A级");
        f.put("LIST_BASIS", "《纳税信用管理办法》");
        f.put("LIST_DOC_NO", "柴税信〔2026〕3号");
        f.put("LIST_YEAR", 2025);
        f.put("LIST_VALID_FROM", "2026-11-10");
        f.put("LIST_VALID_TO", "2027-11-09");
        f.put("LIST_SOURCE", "国家税务总局九江市柴桑区税务局");
        f.put("LIST_SOURCE_CODE", authorityUscc(REGION, 3));
        return r;
    }

    /** 严重失信主体名单 entry for an organisation (so LIST_FRDB is given). */
    public static ObjectNode seriousDishonesty() {
        ObjectNode r = envelope("SERIOUS_DISHONESTY_LIST", "ORG", validUscc(REGION, 20), "九江示例工程有限公司");
        ObjectNode f = r.putObject("fields");
        f.put("LIST_NAME", "拖欠农民工工资失信联合惩戒对象名单");
        f.put("LIST_TYPE", "WAGE_ARREARS");
        f.put("LIST_REASON", "克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准");
        f.put("LIST_BASIS", "《保障农民工工资支付条例》第四十八条");
        f.put("LIST_DOC_NO", "柴人社失〔2026〕5号");
        f.put("LIST_VALID_FROM", "2026-11-10");
        f.put("LIST_VALID_TO", "2029-11-09");
        f.put("LIST_FRDB", "王五");
        f.put("LIST_SOURCE", "九江市柴桑区人力资源和社会保障局");
        f.put("LIST_SOURCE_CODE", authorityUscc(REGION, 4));
        return r;
    }

    /** 信用承诺 by an enterprise. */
    public static ObjectNode commitment() {
        ObjectNode r = envelope("COMMITMENT", "ORG", validUscc(REGION, 21), "九江示例科技有限公司");
        ObjectNode f = r.putObject("fields");
        f.put("CMT_TYPE", "审批替代型");
        f.put("CMT_MATTER", "建设工程消防验收备案");
        f.put("CMT_CONTENT", "本单位承诺所提交材料真实有效，如有虚假愿承担相应法律责任。");
        f.put("CMT_VALID_FROM", "2026-11-10");
        f.put("CMT_VALID_TO", "2027-11-09");
        return r;
    }

    public static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode envelope(String category, String kind, String code, String name) {
        ObjectNode r = JSON.createObjectNode();
        r.put("category", category);
        ObjectNode s = r.putObject("subject");
        s.put("kind", kind);
        s.put("code", code);
        s.put("name", name);
        ObjectNode a = r.putObject("authority");
        a.put("code", authorityUscc(REGION, 1));
        a.put("name", "九江市柴桑区市场监督管理局");
        r.put("decisionDate", DECISION_DATE.toString());
        return r;
    }
}
