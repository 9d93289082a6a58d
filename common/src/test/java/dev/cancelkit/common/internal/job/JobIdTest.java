package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.internal.client.JobIdRule;
import dev.cancelkit.common.internal.client.ProviderSpec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job id is one percent-encoded path segment; ids that cannot be one are refused before anything
 * is sent.
 */
class JobIdTest {
  private TestServer t;

  @BeforeEach
  void start() throws IOException {
    t = new TestServer();
  }

  @AfterEach
  void stop() throws IOException {
    t.close();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t\n", ".", ".."})
  void invalidIdIsRefusedAndNothingIsSent(String id) {
    assertThrows(IllegalArgumentException.class, () -> t.jobs.cancel(id));
    assertThrows(IllegalArgumentException.class, () -> t.jobs.cancelAsync(id));
    assertEquals(0, t.server.getRequestCount());
  }

  @ParameterizedTest(name = "{0} is sent as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "job-1|job-1",
        "a/../b|a%2F..%2Fb",
        "../admin|..%2Fadmin",
        "a/b|a%2Fb",
        "a?b=c|a%3Fb=c",
        "a#frag|a%23frag",
        "100%|100%25",
        "%2e%2e|%252e%252e",
        "'with space'|with%20space",
        "ümlaut-日本|%C3%BCmlaut-%E6%97%A5%E6%9C%AC",
        "a\\b|a%5Cb",
        "...|..."
      })
  void idIsSentAsOneEncodedSegment(String id, String encoded) throws Exception {
    t.enqueue(200, "{\"status\":\"cancelled\"}");

    assertEquals(id, t.jobs.cancel(id).jobId());

    RecordedRequest r = t.server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/v1/jobs/" + encoded + "/cancel", r.getPath());
    assertEquals(4, r.getRequestUrl().pathSize(), r.getPath());
  }

  @Test
  void maxLengthCountsCharacters() {
    JobIdRule rule = new ProviderSpec("archetype", "K", "U", "https://x.example/v1", 64).ids();
    rule.check("a".repeat(64));
    rule.check("é".repeat(64));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rule.check("a".repeat(65)));

    assertTrue(e.getMessage().contains("1-64 characters"), e.getMessage());
  }
}
