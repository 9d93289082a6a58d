package dev.cancelkit.together;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.squareup.moshi.JsonAdapter;
import dev.cancelkit.common.json.JsonSupport;
import dev.cancelkit.together.model.CosineLRSchedulerArgs;
import dev.cancelkit.together.model.FineTuneEvent;
import dev.cancelkit.together.model.FinetuneEventLevels;
import dev.cancelkit.together.model.FinetuneEventType;
import dev.cancelkit.together.model.FinetuneJobStatus;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import dev.cancelkit.together.model.FullTrainingType;
import dev.cancelkit.together.model.LRScheduler;
import dev.cancelkit.together.model.LinearLRSchedulerArgs;
import dev.cancelkit.together.model.LoRATrainingType;
import dev.cancelkit.together.model.TrainingMethodDPO;
import dev.cancelkit.together.model.TrainingMethodSFT;
import java.io.IOException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * The generated fine-tune model read and written with cancelkit's Moshi: the oneOf members,
 * boolean|"auto", the nullable event level, unknown enum values and unknown fields.
 */
class FineTuneModelTest {
  private final JsonAdapter<FinetuneResponseTruncated> adapter =
      JsonSupport.moshi().adapter(FinetuneResponseTruncated.class);

  private FinetuneResponseTruncated parse(String json) throws IOException {
    return adapter.fromJson(json);
  }

  private static String withTraining(String trainingType, String trainingMethod) {
    return "{\"id\":\"ft-1\",\"status\":\"running\",\"training_type\":"
        + trainingType
        + ",\"training_method\":"
        + trainingMethod
        + "}";
  }

  @Test
  void fullResponseParsesEveryNestedValue() throws IOException {
    FinetuneResponseTruncated f = parse(TogetherClientTest.resource("fine-tune-cancel-full.json"));

    assertEquals(FinetuneJobStatus.CANCEL_REQUESTED, f.getStatus());
    assertEquals(3_000_000_000L, f.getTokenCount());
    assertEquals(OffsetDateTime.parse("2025-02-03T10:42:17.512Z"), f.getUpdatedAt());
    LoRATrainingType lora = assertInstanceOf(LoRATrainingType.class, f.getTrainingType());
    assertEquals(LoRATrainingType.TypeEnum.LORA, lora.getType());
    assertEquals(8L, lora.getLoraR());
    assertEquals(16L, lora.getLoraAlpha());
    assertEquals(0.05f, lora.getLoraDropout());
    assertEquals("q_proj,v_proj", lora.getLoraTrainableModules());
    TrainingMethodSFT sft = assertInstanceOf(TrainingMethodSFT.class, f.getTrainingMethod());
    assertEquals(TrainingMethodSFT.MethodEnum.SFT, sft.getMethod());
    assertEquals("auto", sft.getTrainOnInputs());
    assertEquals(LRScheduler.LrSchedulerTypeEnum.COSINE, f.getLrScheduler().getLrSchedulerType());
    CosineLRSchedulerArgs cosine =
        assertInstanceOf(CosineLRSchedulerArgs.class, f.getLrScheduler().getLrSchedulerArgs());
    assertEquals(0.1f, cosine.getMinLrRatio());
    assertEquals(0.5f, cosine.getNumCycles());
    assertEquals(1.0e-5f, f.getLearningRate());
    assertEquals(120L, f.getProgress().getSecondsRemaining());

    assertEquals(3, f.getEvents().size());
    FineTuneEvent created = f.getEvents().get(0);
    assertEquals(
        "fine-tune-event", created.getObject()); // `const` in the published spec: read as it came
    assertNull(created.getLevel()); // the YAML null member of FinetuneEventLevels
    assertEquals(FinetuneEventType.JOB_PENDING, created.getType());
    FineTuneEvent cancel = f.getEvents().get(1);
    assertEquals(FinetuneEventLevels.INFO, cancel.getLevel());
    assertEquals(FinetuneEventType.CANCEL_REQUESTED, cancel.getType());
    assertEquals(8_030_261_248L, cancel.getParamCount());
    assertEquals(42L, cancel.getStep());
    assertEquals("s3://bucket/ckpt-42", cancel.getCheckpointPath());
    FineTuneEvent future = f.getEvents().get(2);
    assertEquals(FinetuneEventLevels.UNKNOWN_DEFAULT_OPEN_API, future.getLevel());
    assertEquals(FinetuneEventType.UNKNOWN_DEFAULT_OPEN_API, future.getType());
    assertEquals("A level and a type nobody documented", future.getMessage());
  }

  @Test
  void fullTrainingTypeIsFull() throws IOException {
    FinetuneResponseTruncated f =
        parse(withTraining("{\"type\":\"Full\"}", "{\"method\":\"dpo\"}"));

    FullTrainingType full = assertInstanceOf(FullTrainingType.class, f.getTrainingType());
    assertEquals(FullTrainingType.TypeEnum.FULL, full.getType());
  }

  @Test
  void dpoMethodKeepsItsFields() throws IOException {
    FinetuneResponseTruncated f =
        parse(
            withTraining(
                "{\"type\":\"Full\"}",
                "{\"method\":\"dpo\",\"dpo_beta\":0.2,\"rpo_alpha\":0.5,\"dpo_reference_free\":true}"));

    TrainingMethodDPO dpo = assertInstanceOf(TrainingMethodDPO.class, f.getTrainingMethod());
    assertEquals(TrainingMethodDPO.MethodEnum.DPO, dpo.getMethod());
    assertEquals(0.2f, dpo.getDpoBeta());
    assertEquals(0.5f, dpo.getRpoAlpha());
    assertEquals(true, dpo.getDpoReferenceFree());
  }

  @Test
  void trainOnInputsReadsBooleans() throws IOException {
    FinetuneResponseTruncated f =
        parse(withTraining("{\"type\":\"Full\"}", "{\"method\":\"sft\",\"train_on_inputs\":true}"));

    assertEquals(Boolean.TRUE, ((TrainingMethodSFT) f.getTrainingMethod()).getTrainOnInputs());
  }

  @Test
  void loraWithoutItsRequiredFieldsIsStillLora() throws IOException {
    FinetuneResponseTruncated f =
        parse(withTraining("{\"type\":\"Lora\"}", "{\"method\":\"sft\"}"));

    assertInstanceOf(LoRATrainingType.class, f.getTrainingType());
  }

  @Test
  void linearSchedulerArgsAreLinear() throws IOException {
    FinetuneResponseTruncated f =
        parse(
            "{\"id\":\"ft-1\",\"status\":\"running\",\"lr_scheduler\":"
                + "{\"lr_scheduler_type\":\"linear\",\"lr_scheduler_args\":{\"min_lr_ratio\":0.25}}}");

    LinearLRSchedulerArgs linear =
        assertInstanceOf(LinearLRSchedulerArgs.class, f.getLrScheduler().getLrSchedulerArgs());
    assertEquals(0.25f, linear.getMinLrRatio());
  }

  @Test
  void newTrainingTypeValueParsesIntoClosestMember() throws IOException {
    FinetuneResponseTruncated f =
        parse(
            withTraining(
                "{\"type\":\"QLora\",\"lora_r\":4,\"lora_alpha\":8,\"quant_bits\":4}",
                "{\"method\":\"orpo\"}"));

    LoRATrainingType lora = assertInstanceOf(LoRATrainingType.class, f.getTrainingType());
    assertEquals(LoRATrainingType.TypeEnum.UNKNOWN_DEFAULT_OPEN_API, lora.getType());
    assertEquals(4L, lora.getLoraR());
  }

  @Test
  void writesEachMemberOnceWithItsOwnFields() throws IOException {
    FinetuneResponseTruncated f =
        parse(
            withTraining(
                "{\"type\":\"Lora\",\"lora_r\":8,\"lora_alpha\":16}",
                "{\"method\":\"sft\",\"train_on_inputs\":\"auto\"}"));

    String json = adapter.toJson(f);

    // Moshi's reflective adapter writes keys alphabetically; "type" and "method" appear once each
    assertEquals(
        "{\"events\":[],\"id\":\"ft-1\",\"status\":\"running\","
            + "\"training_method\":{\"method\":\"sft\",\"train_on_inputs\":\"auto\"},"
            + "\"training_type\":{\"lora_alpha\":16,\"lora_dropout\":0.0,\"lora_r\":8,"
            + "\"lora_trainable_modules\":\"all-linear\",\"type\":\"Lora\"}}",
        json);
    assertEquals(f, parse(json));
  }
}
