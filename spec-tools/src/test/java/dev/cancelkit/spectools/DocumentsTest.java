package dev.cancelkit.spectools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {
  @Test
  void scalarsAreReadAsJsonReadsThem() {
    Map<?, ?> doc =
        (Map<?, ?>)
            Documents.parse(
                "a: yes\nb: on\nc: 2024-01-15\nd: 0123\ne: 12\nf: 1.5\ng: true\nh: null\n200: ok\n",
                "test");

    assertEquals("yes", doc.get("a"));
    assertEquals("on", doc.get("b"));
    assertEquals("2024-01-15", doc.get("c"));
    assertEquals("0123", doc.get("d"));
    assertEquals(12, ((Number) doc.get("e")).intValue());
    assertEquals(1.5, doc.get("f"));
    assertEquals(true, doc.get("g"));
    assertEquals(null, doc.get("h"));
    assertEquals("ok", doc.get("200")); // an unquoted status code is a string key
  }

  @Test
  void jsonIsWrittenWithEscapesAndReadBackTheSame() {
    Object tree = Map.of("k", List.of("quote \" backslash \\ newline \n tab \t", 1, 2.5, true));

    assertEquals(tree, Documents.parse(Documents.json(tree), "json"));
  }
}
