package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.creditnode.federation.FederationApi;
import org.creditnode.http.Contracts;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every resource method of the three APIs has its operation in the API's contract, and every
 * operation of a contract has its resource method: both ways, verb and path, path parameters
 * by name.
 */
class ContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void departmentApi() throws Exception {
        assertPaired("/openapi.json", List.of(RecordsApi.class, HealthApi.class, PublicApi.class, ReviewsApi.class, ChecksApi.class, SubscriptionsApi.class, CheckPage.class, ListsApi.class, JointActionsApi.class, ObjectionsApi.class, RepairsApi.class, ReportsApi.class, QualityApi.class), Set.of("GET /api/openapi.json"));
    }

    @Test
    void adminApi() throws Exception {
        assertPaired("/openapi-admin.json", List.of(AdminApi.class, AccessAdminApi.class, SubscriptionsAdminApi.class, MeasureListAdminApi.class, QualityAdminApi.class, AlliancesAdminApi.class), Set.of("GET /admin/openapi.json"));
    }

    @Test
    void federationApi() throws Exception {
        assertPaired("/openapi-federation.json", List.of(FederationApi.class, AllianceQueriesApi.class), Set.of());
    }

    /** @param extra operations served by a shared class (the contracts' own documents) */
    private static void assertPaired(String contract, List<Class<?>> resources, Set<String> extra) throws Exception {
        Set<String> served = new TreeSet<>(extra);
        for (Class<?> c : resources) served.addAll(operations(c));
        Set<String> documented = new TreeSet<>();
        JsonNode doc = JSON.readTree(Contracts.load(contract));
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(verb -> documented.add(verb.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertEquals(documented, served, contract + " against the resource methods");
    }

    static Set<String> operations(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        Set<String> out = new TreeSet<>();
        for (Method m : resource.getMethods()) {
            String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                    : m.isAnnotationPresent(DELETE.class) ? "DELETE" : m.isAnnotationPresent(PUT.class) ? "PUT" : null;
            if (verb == null) continue;
            Path sub = m.getAnnotation(Path.class);
            String path = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
            if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
            out.add(verb + " " + path);
        }
        return out;
    }
}
