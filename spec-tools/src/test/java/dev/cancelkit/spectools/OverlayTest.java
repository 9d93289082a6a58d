package dev.cancelkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OverlayTest {
  private static Object doc() {
    return Documents.parse(
        """
        components:
          schemas:
            Job:
              type: object
              required: [id]
              properties:
                id: {type: string}
                progress: {type: number, format: float64, example: 75.0}
        tags: [{name: a}, {name: b}, {name: c}]
        """,
        "doc.yaml");
  }

  private static String applied(String overlay) {
    Object d = doc();
    Overlay.apply(Documents.parse(overlay, "overlay.yaml"), "overlay.yaml", d, "doc.yaml");
    return Documents.json(d).replaceAll("\\s+", "");
  }

  private static final String HEAD = "overlay: 1.0.0\ninfo: {title: t, version: 1}\nactions:\n";

  @Test
  void anUpdateMergesObjectsReplacesScalarsAndConcatenatesArrays() {
    String out =
        applied(
            HEAD
                + "  - target: $.components.schemas.Job\n"
                + "    update:\n"
                + "      required: [progress]\n"
                + "      properties:\n"
                + "        progress: {format: double}\n"
                + "        name: {type: string}\n");

    assertEquals(
        "{\"components\":{\"schemas\":{\"Job\":{\"type\":\"object\",\"required\":[\"id\",\"progress\"],"
            + "\"properties\":{\"id\":{\"type\":\"string\"},\"progress\":{\"type\":\"number\","
            + "\"format\":\"double\",\"example\":75.0},\"name\":{\"type\":\"string\"}}}}},"
            + "\"tags\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}",
        out);
  }

  @Test
  void anUpdateOfAnArrayAppendsToIt() {
    String out = applied(HEAD + "  - target: $.tags\n    update: {name: d}\n");

    assertEquals(
        true,
        out.endsWith(
            "\"tags\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"},{\"name\":\"d\"}]}"),
        out);
  }

  @Test
  void removeDeletesEveryNodeSelectedFromMapsAndArrays() {
    String out =
        applied(
            HEAD
                + "  - target: $.components.schemas.Job.properties.progress.format\n"
                + "    remove: true\n"
                + "  - target: $.tags[?@.name != 'b']\n"
                + "    remove: true\n");

    assertEquals(true, out.contains("\"progress\":{\"type\":\"number\",\"example\":75.0}"), out);
    assertEquals(true, out.endsWith("\"tags\":[{\"name\":\"b\"}]}"), out);
  }

  @Test
  void aTargetThatSelectsNothingStopsNamingTheAction() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                applied(
                    HEAD
                        + "  - target: $.components.schemas.Job.properties.progress\n"
                        + "    update: {format: double}\n"
                        + "  - target: $.components.schemas.Gone.properties.x\n"
                        + "    description: Remove x. It confuses the generator.\n"
                        + "    remove: true\n"));

    assertEquals(
        "overlay.yaml action 2 (Remove x) targets $.components.schemas.Gone.properties.x, which"
            + " selects nothing in doc.yaml: the published document changed there. Read the"
            + " action's description, look at that place in the new document, then retarget the"
            + " action, or remove it if the document no longer needs it.",
        e.getMessage());
  }

  @Test
  void badActionsAreRefused() {
    assertEquals(
        "overlay.yaml action 1 must have either an update or remove: true",
        assertThrows(
                SpecException.class,
                () -> applied(HEAD + "  - target: $.tags\n    update: {}\n    remove: true\n"))
            .getMessage());
    assertEquals(
        "overlay.yaml action 1 merges an object into a scalar at .type: incompatible (Overlay"
            + " 1.0); remove the old value in an action before",
        assertThrows(
                SpecException.class,
                () ->
                    applied(
                        HEAD
                            + "  - target: $.components.schemas.Job\n"
                            + "    update: {type: {x: 1}}\n"))
            .getMessage());
    assertEquals(
        "overlay.yaml is not an OpenAPI Overlay 1.x document (it needs overlay: 1.0.0)",
        assertThrows(SpecException.class, () -> applied("actions: []\n")).getMessage());
  }
}
