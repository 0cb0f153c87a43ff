package org.creditnode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks a live answer against the schema its contract gives for that operation and status
 * (OpenAPI 3.0 schemas are read as JSON Schema draft 4, which they extend; $refs resolve within
 * the contract).
 */
public final class ContractSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private ContractSchemas() {
    }

    /** @param contract "openapi.json", "openapi-admin.json" or "openapi-federation.json" */
    public static void assertAnswerMatches(String contract, String verb, String path, int status, JsonNode body) {
        String pointer = "/paths/" + escape(path) + "/" + verb.toLowerCase() + "/responses/" + status
                + "/content/application~1json/schema";
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + contract + "#" + pointer));
        Set<ValidationMessage> problems = schema.validate(body);
        assertEquals(Set.of(), problems, verb + " " + path + " " + status + " against " + contract + ": " + body);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
