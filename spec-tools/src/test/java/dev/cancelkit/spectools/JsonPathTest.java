package dev.cancelkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final Object DOC =
      Documents.parse(
          """
          paths:
            /a/{id}:
              get: {operationId: getA}
              post: {operationId: postA}
          list:
            - {name: x, n: 1}
            - {name: y, n: 2}
            - {name: x, n: 3}
          """,
          "test");

  private static List<Object> values(String path) {
    return JsonPath.parse(path).select(DOC).stream().map(JsonPath.Location::value).toList();
  }

  @Test
  void childrenByDotAndByQuotedName() {
    assertEquals(List.of("getA"), values("$.paths['/a/{id}'].get.operationId"));
    assertEquals(List.of("postA"), values("$[\"paths\"]['/a/{id}'][\"post\"].operationId"));
  }

  @Test
  void wildcardsIndexesAndDescendants() {
    assertEquals(List.of("getA", "postA"), values("$.paths['/a/{id}'].*.operationId"));
    assertEquals(
        List.of(2L), values("$.list[1].n").stream().map(n -> ((Number) n).longValue()).toList());
    assertEquals(List.of("x"), values("$.list[-1].name"));
    assertEquals(List.of("x", "y", "x"), values("$..name"));
    assertEquals(List.of(), values("$.nothing.here"));
  }

  @Test
  void filtersCompareAMemberWithALiteral() {
    assertEquals(2, values("$.list[?@.name == 'x']").size());
    assertEquals(2, values("$.list[?(@.n != 2)]").size());
    assertEquals(1, values("$.list[?@.n == 3]").size());
    assertEquals(0, values("$.list[?@.missing != 3]").size()); // no such member: neither holds
  }

  @Test
  void unsupportedSyntaxIsRefusedWithWhereItStops() {
    SpecException e = assertThrows(SpecException.class, () -> JsonPath.parse("$.list[0:2]"));
    assertEquals(
        "the JSONPath $.list[0:2] is not one cancelkit's overlays support: at character 9 it wants"
            + " ']' (supported: $, .name, ['name'], .*, [*], [0], ..name, [?@.name == 'value'])",
        e.getMessage());
    assertThrows(SpecException.class, () -> JsonPath.parse("paths.x"));
  }
}
