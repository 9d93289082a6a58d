package dev.cancelkit.cli;

import dev.cancelkit.common.internal.text.SafeText;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** What went wrong with a file, in words for the command line. */
final class FileErrors {
  private FileErrors() {}

  /**
   * {@code missing} ("no such file", or "no such directory" for a file being created), "permission
   * denied", or the exception's class and message.
   */
  static String reason(IOException e, String missing) {
    if (e instanceof NoSuchFileException) {
      return missing;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if ("Is a directory".equals(e.getMessage())) {
      return "it is a directory";
    }
    return e.getClass().getSimpleName() + " " + SafeText.escape(String.valueOf(e.getMessage()));
  }
}
