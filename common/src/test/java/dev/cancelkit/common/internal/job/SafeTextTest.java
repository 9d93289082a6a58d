package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.internal.client.JobIdRule;
import dev.cancelkit.common.internal.text.SafeText;
import org.junit.jupiter.api.Test;

/** What reaches a terminal or a message: no control, no bidi override, no invisible character. */
class SafeTextTest {
  @Test
  void bidiControlsAreEscaped() {
    assertEquals("abc\\u202egnp.exe", SafeText.escape("abc\u202Egnp.exe"));
    for (int c :
        new int[] {
          0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
          0x061C
        }) {
      assertEquals(
          String.format("a\\u%04xb", c),
          SafeText.escape("a" + (char) c + "b"),
          Integer.toHexString(c));
    }
  }

  @Test
  void invisibleAndLineBreakingCharactersAreEscaped() {
    assertEquals(
        "\\u2028\\u2029\\u200b\\ufeff\\u00ad\\u2060",
        SafeText.escape("\u2028\u2029\u200B\uFEFF\u00AD\u2060"));
  }

  @Test
  void aSupplementaryFormatCharacterIsEscapedAsItsTwoHalves() {
    String tag = new String(Character.toChars(0xE0041)); // TAG LATIN CAPITAL LETTER A
    assertEquals("x\\udb40\\udc41", SafeText.escape("x" + tag));
  }

  @Test
  void visibleTextIsLeftAsItIs() {
    String text = "caf\u00e9 \u4e2d\u6587 \uD83D\uDE00 \u05e9\u05dc\u05d5\u05dd";
    assertSame(text, SafeText.escape(text));
  }

  @Test
  void controlsStillEscapeAsBefore() {
    assertEquals("a\\tb\\nc\\rd\\u001be\\u0085", SafeText.escape("a\tb\nc\rd\u001be\u0085"));
  }

  @Test
  void aLongTextIsCutAndCounted() {
    String id = "x".repeat(100_000);
    String cut = SafeText.cut(id);
    assertEquals("x".repeat(SafeText.MAX_QUOTED) + "...(100000 characters)", cut);
    assertSame("short", SafeText.cut("short"));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String text = "x".repeat(SafeText.MAX_QUOTED - 1) + "\uD83D\uDE00" + "y".repeat(10);
    String cut = SafeText.cut(text);
    assertFalse(
        Character.isHighSurrogate(cut.charAt(SafeText.MAX_QUOTED - 2))
            && cut.charAt(SafeText.MAX_QUOTED - 1) == '.');
    assertTrue(cut.startsWith("x".repeat(SafeText.MAX_QUOTED - 1) + "..."), cut);
  }

  @Test
  void aProviderWithoutAPublishedBoundAcceptsIdsOf256Characters() {
    JobIdRule rule = TestServer.PROVIDER.ids();
    rule.check("j".repeat(256));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rule.check("j".repeat(100_000)));
    assertEquals(
        "testprov job ids are 1-256 characters; '"
            + "j".repeat(SafeText.MAX_QUOTED)
            + "...(100000 characters)' has 100000",
        e.getMessage());
  }
}
