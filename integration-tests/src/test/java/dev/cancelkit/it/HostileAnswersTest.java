package dev.cancelkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cancelkit.common.CancelKitException;
import dev.cancelkit.common.CancelResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * Generated and mutated statuses, headers, bodies and connection faults, through every operation,
 * blocking and async: the only things that come out are a {@link CancelResult} or a {@link
 * CancelKitException}. Never a NullPointerException, a ClassCastException, Moshi's own exceptions
 * or an Error.
 */
class HostileAnswersTest {
  private static final AtomicReference<Answer> NEXT = new AtomicReference<>();
  private static AllClients clients;

  @BeforeContainer
  static void start() throws IOException {
    clients = new AllClients("sk-fuzz-0123456789", 0, Duration.ofMillis(200), false);
    clients.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return NEXT.get().toResponse();
          }
        });
  }

  @AfterContainer
  static void stop() throws IOException {
    clients.close();
  }

  @Property(tries = 10_000)
  void everyAnswerEndsInAResultOrACancelKitException(
      @ForAll("answers") Answer answer,
      @ForAll @IntRange(min = 0, max = 4) int operation,
      @ForAll boolean async)
      throws Exception {
    NEXT.set(answer);
    AllClients.Operation op = clients.operations.get(operation);
    try {
      CancelResult<?> r =
          async
              ? op.cancellable().cancelAsync(op.jobId()).get(10, TimeUnit.SECONDS)
              : op.cancellable().cancel(op.jobId());
      assertEquals(op.jobId(), r.jobId());
      assertNotNull(r.state());
      assertNotNull(r.providerStatus());
      assertNotNull(r.response());
    } catch (CancelKitException e) {
      assertNotNull(e.getMessage());
    } catch (ExecutionException e) {
      assertNotNull(assertInstanceOf(CancelKitException.class, e.getCause()).getMessage());
    }
  }

  /** One answer of the server: status, headers, body, and what happens to the connection. */
  record Answer(
      int code, List<Tuple.Tuple2<String, String>> headers, byte[] body, SocketPolicy policy) {
    MockResponse toResponse() {
      MockResponse r = new MockResponse().setResponseCode(code).setBody(new Buffer().write(body));
      for (Tuple.Tuple2<String, String> h : headers) {
        r.addHeaderLenient(h.get1(), h.get2());
      }
      return policy == null ? r : r.setSocketPolicy(policy);
    }

    @Override
    public String toString() {
      return "HTTP "
          + code
          + " "
          + headers
          + " "
          + new String(body, StandardCharsets.UTF_8)
          + (policy == null ? "" : " " + policy);
    }
  }

  @Provide
  Arbitrary<Answer> answers() {
    return Combinators.combine(codes(), headers().list().ofMaxSize(4), bodies(), policies())
        .as(Answer::new);
  }

  private static Arbitrary<Integer> codes() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(200, 201, 202, 409)),
        Tuple.of(
            4,
            Arbitraries.of(301, 307, 400, 401, 403, 404, 408, 413, 422, 429, 500, 502, 503, 504)),
        Tuple.of(1, Arbitraries.integers().between(200, 599)));
  }

  private static Arbitrary<Tuple.Tuple2<String, String>> headers() {
    Arbitrary<String> junk = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30);
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.just("Content-Type"),
                Arbitraries.of(
                    "application/json",
                    "text/html",
                    "text/plain; charset=utf-8",
                    "application/json; charset=latin1",
                    "",
                    "x/y"))
            .as(Tuple::of),
        Combinators.combine(
                Arbitraries.just("Retry-After"),
                Arbitraries.oneOf(
                    Arbitraries.integers().between(-5, 100_000).map(String::valueOf),
                    Arbitraries.of(
                        "Wed, 21 Oct 2015 07:28:00 GMT",
                        "Thu, 01 Jan 2099 00:00:00 GMT",
                        "soon",
                        "1.5",
                        "")))
            .as(Tuple::of),
        Combinators.combine(
                Arbitraries.just("retry-after-ms"),
                Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), junk))
            .as(Tuple::of),
        Combinators.combine(Arbitraries.of("x-request-id", "request-id"), junk).as(Tuple::of),
        Combinators.combine(
                Arbitraries.just("Location"),
                Arbitraries.of("https://elsewhere.invalid/x", "/relative", ""))
            .as(Tuple::of),
        Combinators.combine(
                Arbitraries.just("Content-Encoding"), Arbitraries.of("gzip", "br", "identity"))
            .as(Tuple::of),
        Combinators.combine(
                junk.filter(s -> !s.isBlank() && s.chars().noneMatch(c -> c == ':' || c == ' ')),
                junk)
            .as(Tuple::of));
  }

  private static Arbitrary<SocketPolicy> policies() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.just(null)),
        Tuple.of(
            1,
            Arbitraries.of(
                SocketPolicy.DISCONNECT_AFTER_REQUEST,
                SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY,
                SocketPolicy.DISCONNECT_DURING_REQUEST_BODY,
                SocketPolicy.NO_RESPONSE)));
  }

  private static final List<String> EXAMPLES =
      List.of(
          "{\"status\":\"canceled\"}",
          "{\"status\":\"running\"}",
          "{\"id\":\"01234567-8901-2345-6789-012345678901\",\"user_id\":\"user_789xyz012\",\"file_size_bytes\":1048576,"
              + "\"status\":\"CANCELLED\",\"job_deadline\":\"2024-01-15T15:30:00Z\",\"created_at\":\"2024-01-15T14:30:00Z\","
              + "\"progress\":75,\"completed_at\":\"2024-01-15T15:45:30Z\"}",
          "{\"id\":\"ft-1\",\"status\":\"cancel_requested\",\"created_at\":\"2023-05-17T17:35:45.123Z\",\"events\":[{\"object\":"
              + "\"fine-tune-event\",\"created_at\":\"x\",\"level\":null,\"message\":\"m\",\"type\":\"job_pending\"}],"
              + "\"training_type\":{\"type\":\"Lora\",\"lora_r\":8,\"lora_alpha\":16},\"training_method\":{\"method\":\"sft\","
              + "\"train_on_inputs\":\"auto\"},\"lr_scheduler\":{\"lr_scheduler_type\":\"cosine\",\"lr_scheduler_args\":"
              + "{\"min_lr_ratio\":0.1,\"num_cycles\":0.5}},\"progress\":{\"estimate_available\":true,\"seconds_remaining\":9}}",
          "{\"id\":\"batch_abc123\",\"object\":\"batch\",\"errors\":null,\"status\":\"calling\",\"created_at\":1765492780,"
              + "\"cancelling_at\":1765492797,\"request_counts\":{\"total\":100,\"completed\":75,\"failed\":2},"
              + "\"metadata\":{\"custom_tags\":[\"a\"]}}",
          "{\"name\":\"run\",\"id\":\"ftj-1\",\"status\":\"CANCELLED\",\"config\":{\"model\":\"m\",\"datasets\":[{\"name\":\"d\","
              + "\"split\":\"train\",\"file_ids\":[\"f\"]}]},\"created_at\":\"2026-04-27T14:32:18.421000Z\"}",
          "{\"errors\":[{\"code\":\"x\",\"message\":\"y\",\"suggestion\":\"z\",\"error_uid\":\"err-1\"}]}",
          "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null}}",
          "{\"error\":\"batch job not found\"}",
          "{\"detail\":[{\"loc\":[\"path\",\"job_id\"],\"msg\":\"too long\",\"type\":\"string_too_long\"}]}",
          "<html><head><title>502 Bad Gateway</title></head></html>");

  private static final List<String> KEYS =
      List.of(
          "status",
          "id",
          "created_at",
          "updated_at",
          "events",
          "level",
          "type",
          "training_type",
          "training_method",
          "method",
          "train_on_inputs",
          "lr_scheduler",
          "lr_scheduler_args",
          "progress",
          "config",
          "datasets",
          "split",
          "file_ids",
          "request_counts",
          "metadata",
          "errors",
          "error",
          "detail",
          "message",
          "code",
          "file_size_bytes",
          "token_count",
          "lora_r",
          "cancelling_at");

  private static Arbitrary<byte[]> bodies() {
    Arbitrary<String> example = Arbitraries.of(EXAMPLES);
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            Tuple.of(3, example),
            Tuple.of(
                4,
                Combinators.combine(example, Arbitraries.integers().between(0, 10_000), json(3))
                    .as(HostileAnswersTest::mutate)),
            Tuple.of(3, json(4)),
            Tuple.of(
                1,
                Arbitraries.of(
                    "",
                    " ",
                    "null",
                    "[]",
                    "{}",
                    "\"cancelled\"",
                    "{\"status\":null}",
                    "{\"status\":3}",
                    "{\"status\":\"cancelled\"}{}",
                    "[".repeat(5000),
                    "{\"a\":".repeat(400) + "1",
                    "{\"status\":\"cancelled\",\"created_at\":1e400}",
                    "{\"status\":\"\\ud800\"}")));
    return Arbitraries.frequencyOf(
        Tuple.of(12, text.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
  }

  /** Cuts, corrupts, or plants a random value into a valid body. */
  private static String mutate(String body, int where, String value) {
    int at = body.isEmpty() ? 0 : where % body.length();
    switch (where % 5) {
      case 0:
        return body.substring(0, at);
      case 1:
        return body.substring(0, at) + value + body.substring(at);
      case 2:
        return body.isEmpty()
            ? value
            : body.substring(0, at) + (char) ('!' + where % 90) + body.substring(at + 1);
      case 3:
        return body.replaceFirst(
            "\"" + KEYS.get(where % KEYS.size()) + "\":",
            "\""
                + KEYS.get(where % KEYS.size())
                + "\":"
                + Matcher.quoteReplacement(value)
                + ",\"was\":");
      default:
        return "{\""
            + KEYS.get(where % KEYS.size())
            + "\":"
            + value
            + (body.startsWith("{") ? "," + body.substring(1) : "}");
    }
  }

  /** Any JSON value, nested up to {@code depth}, with the models' own key names among the keys. */
  private static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12).map(HostileAnswersTest::quote),
            Arbitraries.of(
                "\"cancelled\"",
                "\"CANCELLED\"",
                "\"Lora\"",
                "\"sft\"",
                "\"auto\"",
                "\"2024-01-15T14:30:00Z\"",
                "\"info\""),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.of(
                "true", "false", "null", "0.5", "-0", "1e400", "123456789012345678901234567890"));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> array = inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> member =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofMaxLength(6)),
                inner)
            .as((k, v) -> quote(k) + ":" + v);
    Arbitrary<String> object = member.list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}");
    return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(3, object));
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
