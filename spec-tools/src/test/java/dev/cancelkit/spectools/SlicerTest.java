package dev.cancelkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlicerTest {
  @TempDir Path dir;

  private static final String DOC =
      """
      openapi: 3.1.0
      info: {title: t, version: '1'}
      security: [{bearer: []}]
      tags: [{name: Jobs}, {name: Other}]
      paths:
        /jobs/{id}:
          parameters: [{$ref: '#/components/parameters/Id'}]
          get:
            tags: [Jobs]
            responses:
              '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
          delete:
            tags: [Other]
            responses:
              '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Unused'}}}}
        /other:
          get:
            tags: [Other]
            responses: {'200': {description: ok}}
      components:
        securitySchemes:
          bearer: {type: http, scheme: bearer}
          unused: {type: http, scheme: basic}
        parameters:
          Id: {name: id, in: path, required: true, schema: {type: string}}
        schemas:
          Job:
            type: object
            properties:
              status: {$ref: '#/components/schemas/Status'}
              events: {type: array, items: {$ref: '#/components/schemas/Event'}}
          Status: {type: string, enum: [running, done]}
          Event: {type: object, properties: {at: {type: string}}}
          Unused: {type: object}
      """;

  private ClientOperations ops(String lines) throws Exception {
    Path f = dir.resolve("operations.txt");
    Files.writeString(f, lines);
    return ClientOperations.read(f);
  }

  @Test
  void keepsTheOperationsAndEverythingTheyReachAndNothingElse() throws Exception {
    Map<String, Object> slice =
        Slicer.slice(Documents.parse(DOC, "doc.yaml"), "doc.yaml", ops("GET /jobs/{id} getJob\n"));

    assertEquals(List.of("/jobs/{id}"), List.copyOf(((Map<?, ?>) slice.get("paths")).keySet()));
    Map<?, ?> item = (Map<?, ?>) ((Map<?, ?>) slice.get("paths")).get("/jobs/{id}");
    assertEquals(List.of("parameters", "get"), List.copyOf(item.keySet()));
    Map<?, ?> components = (Map<?, ?>) slice.get("components");
    assertEquals(
        List.of("Job", "Status", "Event"),
        List.copyOf(((Map<?, ?>) components.get("schemas")).keySet()));
    assertEquals(List.of("Id"), List.copyOf(((Map<?, ?>) components.get("parameters")).keySet()));
    assertEquals(
        List.of("bearer"), List.copyOf(((Map<?, ?>) components.get("securitySchemes")).keySet()));
    assertEquals(List.of(Map.of("name", "Jobs")), slice.get("tags"));
  }

  @Test
  void anOperationTheClientCallsThatIsGoneStopsNamingIt() throws Exception {
    Object doc = Documents.parse(DOC, "doc.yaml");
    ClientOperations missingPath = ops("GET /jobs getJobs\n");
    ClientOperations missingMethod = ops("POST /jobs/{id} postJob\n");

    assertEquals(
        "doc.yaml has no path /jobs: the client calls GET /jobs (listed in "
            + dir.resolve("operations.txt")
            + "). If the provider removed or moved the operation, change the client and its line in"
            + " that file; if this document is not the one you meant, put the right one back.",
        assertThrows(SpecException.class, () -> Slicer.slice(doc, "doc.yaml", missingPath))
            .getMessage());
    assertEquals(
        true,
        assertThrows(SpecException.class, () -> Slicer.slice(doc, "doc.yaml", missingMethod))
            .getMessage()
            .startsWith(
                "doc.yaml has the path /jobs/{id} but no POST on it: the client calls POST"));
  }

  @Test
  void aReferenceToNothingIsRefused() throws Exception {
    Object doc =
        Documents.parse(
            DOC.replace("'#/components/schemas/Event'", "'#/components/schemas/Nope'"), "doc.yaml");

    assertEquals(
        "doc.yaml refers to #/components/schemas/Nope, which it does not define",
        assertThrows(
                SpecException.class, () -> Slicer.slice(doc, "doc.yaml", ops("GET /jobs/{id} g\n")))
            .getMessage());
  }
}
