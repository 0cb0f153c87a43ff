package org.creditnode.node;

import org.creditnode.record.Catalogue;
import org.creditnode.record.SampleRecords;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Credentials for tests, obtained the way an operator obtains them: the bootstrap operator token
 * from {@code <data>/admin.token}, then a department account created through the admin API.
 */
public final class TestAccess {
    /** The authority SampleRecords reports for. */
    public static final String AUTHORITY = SampleRecords.authorityUscc("360404", 1);
    public static final String PURPOSE = "SUPERVISION";

    private TestAccess() {
    }

    public static String operatorToken(Path dataDir) throws Exception {
        Path file = dataDir.resolve("admin.token");
        Await.until("the bootstrap token in " + file, java.time.Duration.ofSeconds(60), () -> Files.exists(file) && Files.size(file) > 0);
        return Files.readString(file).trim();
    }

    public static Http admin(String adminUrl, Path dataDir) throws Exception {
        return new Http(adminUrl).withToken(operatorToken(dataDir));
    }

    public static Http admin(CreditNode node) throws Exception {
        return admin(node.adminAddress(), node.config().dataDir());
    }

    /** A new account reporting for {@link #AUTHORITY}, every category and purpose, both roles. */
    public static String departmentKey(Http admin) throws Exception {
        return accountKey(admin, Map.of("name", "测试部门系统", "authorities", List.of(AUTHORITY),
                "categories", List.copyOf(catalogue().categories()), "purposes", List.of("ADMIN_APPROVAL", "SUPERVISION"),
                "roles", List.of("SUBMITTER"), "rateLimit", 100000));
    }

    public static String accountKey(Http admin, Map<String, Object> account) throws Exception {
        Http.Reply r = admin.postJson("/admin/v1/accounts", account);
        if (r.status() != 201) throw new AssertionError("account not created: " + r.status() + " " + r.body());
        return r.json().path("key").asText();
    }

    /** A department client: its key and the purpose {@link #PURPOSE} on every request. */
    public static Http department(String apiUrl, Http admin) throws Exception {
        return new Http(apiUrl).withToken(departmentKey(admin)).with("X-Purpose", PURPOSE);
    }

    public static Http department(CreditNode node) throws Exception {
        return department(node.apiAddress(), admin(node));
    }

    private static Catalogue catalogue() {
        return Catalogue.load(TestNodes.CONFIG_DIR.resolve("catalog.yaml"));
    }
}
