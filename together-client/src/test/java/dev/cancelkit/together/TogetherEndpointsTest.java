package dev.cancelkit.together;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelResult;
import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.JobState;
import dev.cancelkit.common.JobStatus;
import dev.cancelkit.common.ServerException;
import dev.cancelkit.common.testing.ProviderServer;
import dev.cancelkit.together.model.DedicatedEndpoint;
import dev.cancelkit.together.model.RLTrainingSession;
import dev.cancelkit.together.model.RLTrainingSessionStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Together's dedicated endpoints and RL training sessions: what is sent, and what answers mean. */
class TogetherEndpointsTest {
  private final ProviderServer server = new ProviderServer();
  private TogetherClient together;

  @BeforeEach
  void start() {
    together =
        TogetherClient.builder()
            .apiKey("tgp_v1_test_key")
            .baseUrl(server.url("/v1"))
            .timeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    together.close();
    server.close();
  }

  static String endpoint(String id, String type, String state) {
    return ProviderServer.resource(
            TogetherEndpointsTest.class, "/together/dedicated-endpoint-example.json")
        .replace("endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7", id)
        .replace("\"type\": \"dedicated\"", "\"type\": \"" + type + "\"")
        .replace("\"state\": \"STARTED\"", "\"state\": \"" + state + "\"");
  }

  static String session(String id, String status) {
    return ProviderServer.resource(
            TogetherEndpointsTest.class, "/together/rl-training-session-example.json")
        .replace("\"id\": \"123e4567-e89b-12d3-a456-426614174000\"", "\"id\": \"" + id + "\"")
        .replace("TRAINING_SESSION_STATUS_RUNNING", status);
  }

  @Test
  void stoppingAnEndpointSendsExactlyStateStopped() throws Exception {
    server.answer(200, endpoint("endpoint-1", "dedicated", "STOPPING"));

    CancelResult<DedicatedEndpoint> r = together.endpoints().cancel("endpoint-1");

    RecordedRequest sent = server.take();
    assertEquals("PATCH /v1/endpoints/endpoint-1 HTTP/1.1", sent.getRequestLine());
    assertEquals("{\"state\":\"STOPPED\"}", sent.getBody().readUtf8());
    assertTrue(sent.getHeader("Content-Type").startsWith("application/json"));
    assertEquals(CancelState.CANCELLING, r.state());
    assertEquals("STOPPING", r.providerStatus());
    assertEquals("8x_nvidia_h200_140gb_sxm", r.response().getHardware());
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING, CANCELLING, ACTIVE",
    "STARTING, CANCELLING, ACTIVE",
    "STARTED, CANCELLING, ACTIVE",
    "STOPPING, CANCELLING, CANCELLING",
    "STOPPED, CANCELLED, CANCELLED",
    "ERROR, NOT_CANCELLABLE, FINISHED",
    "NOT_A_STATUS_EVER, UNKNOWN, UNKNOWN"
  })
  void endpointStatesMapAsTheTablesSay(String state, CancelState cancel, JobState read)
      throws Exception {
    server.answer(200, endpoint("endpoint-1", "dedicated", state));
    server.answer(200, endpoint("endpoint-1", "dedicated", state));

    assertEquals(cancel, together.endpoints().cancel("endpoint-1").state());
    JobStatus<DedicatedEndpoint> s = together.endpoints().status("endpoint-1");

    assertEquals(read, s.state());
    assertEquals(state, s.providerStatus());
    assertEquals(Instant.parse("2025-02-04T10:43:55.405Z"), s.createdAt().orElseThrow());
    server.take();
    assertEquals("GET /v1/endpoints/endpoint-1 HTTP/1.1", server.take().getRequestLine());
  }

  @Test
  void theListAsksForTheKeysDedicatedEndpointsAndLeavesServerlessOnesOut() throws Exception {
    server.answer(
        200,
        "{\"object\":\"list\",\"data\":["
            + endpoint("endpoint-serverless", "serverless", "STARTED")
            + ","
            + endpoint("endpoint-a", "dedicated", "STARTED")
            + ","
            + endpoint("endpoint-b", "dedicated", "STOPPED")
            + "]}");
    server.answer(200, HARDWARE); // the price list, asked for once by the listing

    List<JobStatus<DedicatedEndpoint>> all;
    try (Stream<JobStatus<DedicatedEndpoint>> s = together.endpoints().list()) {
      all = s.collect(Collectors.toList());
    }

    assertEquals(
        List.of("endpoint-a", "endpoint-b"),
        all.stream().map(JobStatus::jobId).collect(Collectors.toList()));
    assertEquals("/v1/endpoints?type=dedicated&mine=true", server.take().getPath());
  }

  @Test
  void activeEndpointsAreTheRunningDedicatedOnes() {
    server.answer(
        200,
        "{\"object\":\"list\",\"data\":["
            + endpoint("endpoint-serverless", "serverless", "STARTED")
            + ","
            + endpoint("endpoint-a", "dedicated", "STARTED")
            + ","
            + endpoint("endpoint-b", "dedicated", "STOPPED")
            + "]}");
    server.answer(200, HARDWARE); // the price list, asked for once by the listing

    assertEquals(
        List.of("endpoint-a"),
        together.endpoints().active().stream().map(JobStatus::jobId).collect(Collectors.toList()));
  }

  @Test
  void conflictOnAStoppedEndpointIsReadOnceAndCancelled() throws Exception {
    server.answer(
        409, "{\"error\":{\"message\":\"endpoint already stopped\",\"type\":\"conflict\"}}");
    server.answer(200, endpoint("endpoint-1", "dedicated", "STOPPED"));

    CancelResult<DedicatedEndpoint> r = together.endpoints().cancel("endpoint-1");

    assertEquals(CancelState.CANCELLED, r.state());
    assertEquals(409, r.httpStatus());
    assertEquals(2, server.requestCount());
  }

  private static String sessionsPage(int from, int count, String meta) {
    return "{\"data\":"
        + IntStream.range(from, from + count)
            .mapToObj(i -> session("session-" + i, "TRAINING_SESSION_STATUS_RUNNING"))
            .collect(Collectors.joining(",", "[", "]"))
        + (meta == null ? "" : ",\"meta\":" + meta)
        + "}";
  }

  private List<String> sessionIds() {
    try (Stream<JobStatus<RLTrainingSession>> s = together.trainingSessions().list()) {
      return s.map(JobStatus::jobId).collect(Collectors.toList());
    }
  }

  @Test
  void sessionsFollowTheCursorWhileHasMoreIsTrue() throws Exception {
    server.answer(
        200, sessionsPage(0, 100, "{\"limit\":100,\"has_more\":true,\"next_cursor\":\"c-2\"}"));
    server.answer(
        200, sessionsPage(100, 100, "{\"limit\":100,\"has_more\":true,\"next_cursor\":\"c-3\"}"));
    server.answer(
        200, sessionsPage(200, 7, "{\"limit\":100,\"has_more\":false,\"next_cursor\":\"\"}"));

    List<String> ids = sessionIds();

    assertEquals(207, ids.size());
    assertEquals("session-206", ids.get(206));
    assertEquals("/v1/rl/training-sessions?limit=100", server.take().getPath());
    assertEquals("/v1/rl/training-sessions?limit=100&after=c-2", server.take().getPath());
    assertEquals("/v1/rl/training-sessions?limit=100&after=c-3", server.take().getPath());
  }

  @Test
  void anEmptyCursorOrAMissingHasMoreEndsTheSessions() {
    server.answer(200, sessionsPage(0, 2, "{\"has_more\":true,\"next_cursor\":\"\"}"));
    assertEquals(2, sessionIds().size());
    server.answer(200, sessionsPage(0, 3, "{\"next_cursor\":\"c-2\"}"));
    assertEquals(3, sessionIds().size());
    server.answer(200, sessionsPage(0, 0, "{\"has_more\":true,\"next_cursor\":\"c-2\"}"));
    assertEquals(0, sessionIds().size());
    server.answer(200, sessionsPage(0, 1, null));
    assertEquals(1, sessionIds().size());

    assertEquals(4, server.requestCount());
  }

  @Test
  void aFailingSecondPageFailsTheListAfterTheFirstPagesSessions() {
    server.answer(200, sessionsPage(0, 100, "{\"has_more\":true,\"next_cursor\":\"c-2\"}"));
    server.answer(500, "{\"error\":{\"message\":\"down\"}}");
    List<String> seen = new ArrayList<>();

    try (Stream<JobStatus<RLTrainingSession>> s = together.trainingSessions().list()) {
      assertThrows(ServerException.class, () -> s.forEach(j -> seen.add(j.jobId())));
    }

    assertEquals(100, seen.size());
  }

  @ParameterizedTest
  @CsvSource({
    "TRAINING_SESSION_STATUS_CREATING, CANCELLING, ACTIVE",
    "TRAINING_SESSION_STATUS_RUNNING, CANCELLING, ACTIVE",
    "TRAINING_SESSION_STATUS_STOPPING, CANCELLING, CANCELLING",
    "TRAINING_SESSION_STATUS_STOPPED, CANCELLED, CANCELLED",
    "TRAINING_SESSION_STATUS_ERROR, NOT_CANCELLABLE, FINISHED",
    "TRAINING_SESSION_STATUS_EXPIRED, NOT_CANCELLABLE, FINISHED",
    "TRAINING_SESSION_STATUS_UNSPECIFIED, UNKNOWN, UNKNOWN",
    "NOT_A_STATUS_EVER, UNKNOWN, UNKNOWN"
  })
  void stoppingASessionPostsStopAndMapsTheAnswer(String status, CancelState cancel, JobState read)
      throws Exception {
    server.answer(200, session("s-1", status));
    server.answer(200, session("s-1", status));

    CancelResult<RLTrainingSession> r = together.trainingSessions().cancel("s-1");
    JobStatus<RLTrainingSession> s = together.trainingSessions().status("s-1");

    assertEquals(cancel, r.state());
    assertEquals(read, s.state());
    assertEquals("100", r.response().getStep()); // a string or an integer, as sent
    RecordedRequest stop = server.take();
    assertEquals("POST /v1/rl/training-sessions/s-1/stop HTTP/1.1", stop.getRequestLine());
    assertEquals(0, stop.getBodySize());
    assertEquals("GET /v1/rl/training-sessions/s-1 HTTP/1.1", server.take().getRequestLine());
  }

  private static final String HARDWARE =
      "{\"object\":\"list\",\"data\":[{\"object\":\"hardware\",\"id\":"
          + "\"8x_nvidia_h200_140gb_sxm\",\"pricing\":{\"cents_per_minute\":5.42},\"specs\":"
          + "{\"gpu_type\":\"h200\",\"gpu_link\":\"sxm\",\"gpu_memory\":140,\"gpu_count\":8},"
          + "\"updated_at\":\"2025-01-01T00:00:00Z\"}]}";

  /** Two dedicated endpoints on the documented hardware; the hardware list as {@code hardware}. */
  private void endpointsAndHardware(int hardwareCode, String hardware) {
    server.answerEach(
        r ->
            r.getPath().startsWith("/v1/hardware")
                ? new okhttp3.mockwebserver.MockResponse()
                    .setResponseCode(hardwareCode)
                    .setHeader("Content-Type", "application/json")
                    .setBody(hardware)
                : new okhttp3.mockwebserver.MockResponse()
                    .setHeader("Content-Type", "application/json")
                    .setBody(
                        "{\"object\":\"list\",\"data\":["
                            + endpoint("endpoint-a", "dedicated", "STARTED")
                            + ","
                            + endpoint("endpoint-b", "dedicated", "STARTING")
                            + "]}"));
  }

  @Test
  void anEndpointCostsItsHardwarePricePerReplicaReadOncePerListing() {
    endpointsAndHardware(200, HARDWARE);

    List<JobStatus<DedicatedEndpoint>> active = together.endpoints().active();

    // 5.42 cents a minute x 60 x 2 replicas (min_replicas) = $6.504 an hour
    assertEquals(new java.math.BigDecimal("6.5040"), active.get(0).usdPerHour().orElseThrow());
    assertEquals(new java.math.BigDecimal("6.5040"), active.get(1).usdPerHour().orElseThrow());
    assertEquals(java.util.Optional.empty(), active.get(0).spentUsd());
    assertEquals(2, server.requestCount()); // the list and one GET /hardware
  }

  @Test
  void aFailingHardwareListLeavesTheCostEmptyAndTheListingWhole() {
    endpointsAndHardware(500, "{\"error\":{\"message\":\"down\"}}");

    List<JobStatus<DedicatedEndpoint>> active = together.endpoints().active();

    assertEquals(2, active.size());
    assertEquals(java.util.Optional.empty(), active.get(0).usdPerHour());
  }

  @Test
  void hardwareTheListDoesNotKnowHasNoCost() {
    endpointsAndHardware(200, HARDWARE.replace("8x_nvidia_h200_140gb_sxm", "1x_other"));

    assertEquals(java.util.Optional.empty(), together.endpoints().active().get(0).usdPerHour());
  }

  @Test
  void aFineTuneHasSpentItsTotalPriceInNanoDollars() {
    server.answer(
        200,
        "{\"data\":["
            + TogetherJobsTest.fineTune("ft-1", "running")
                .replace("\"total_price\": 1500", "\"total_price\": 12400000000")
            + ","
            + TogetherJobsTest.fineTune("ft-2", "running").replace("\"total_price\": 1500,", "")
            + "]}");

    List<JobStatus<dev.cancelkit.together.model.FinetuneResponseTruncated>> active =
        together.fineTunes().active();

    assertEquals(new java.math.BigDecimal("12.400000000"), active.get(0).spentUsd().orElseThrow());
    assertEquals(java.util.Optional.empty(), active.get(1).spentUsd());
    assertEquals(java.util.Optional.empty(), active.get(0).usdPerHour());
  }

  @Test
  void everyStatusOfTheDocumentHasACancelAndAReadState() {
    String spec = "specs/together/openapi.yaml";
    TogetherStates.ENDPOINT.requireCovers(
        Arrays.stream(DedicatedEndpoint.StateEnum.values())
            .filter(v -> v != DedicatedEndpoint.StateEnum.UNKNOWN_DEFAULT_OPEN_API)
            .map(DedicatedEndpoint.StateEnum::getValue)
            .collect(Collectors.toList()),
        spec);
    TogetherStates.TRAINING_SESSION.requireCovers(
        Arrays.stream(RLTrainingSessionStatus.values())
            .filter(v -> v != RLTrainingSessionStatus.UNKNOWN_DEFAULT_OPEN_API)
            .map(RLTrainingSessionStatus::getValue)
            .collect(Collectors.toList()),
        spec);
  }

  @Test
  void theReadmeStateTablesSayWhatTheStatusTablesDo() throws Exception {
    dev.cancelkit.common.testing.ReadmeStateTables.checkReads(
        "Together endpoint", TogetherStates.ENDPOINT);
    dev.cancelkit.common.testing.ReadmeStateTables.checkCancels(
        "Together endpoint (stop)", TogetherStates.ENDPOINT);
    dev.cancelkit.common.testing.ReadmeStateTables.checkReads(
        "Together RL session", TogetherStates.TRAINING_SESSION);
    dev.cancelkit.common.testing.ReadmeStateTables.checkCancels(
        "Together RL session (stop)", TogetherStates.TRAINING_SESSION);
  }
}
