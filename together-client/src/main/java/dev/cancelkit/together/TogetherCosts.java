package dev.cancelkit.together;

import dev.cancelkit.common.internal.job.JobCosts;
import dev.cancelkit.common.internal.runtime.ClientRuntime;
import dev.cancelkit.together.api.HardwareApi;
import dev.cancelkit.together.model.DedicatedEndpoint;
import dev.cancelkit.together.model.FinetuneResponseTruncated;
import dev.cancelkit.together.model.HardwareWithStatus;
import dev.cancelkit.together.model.ListHardware200Response;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** What Together's jobs cost, in the units its document gives. */
final class TogetherCosts {
  private TogetherCosts() {}

  /** A fine-tune's {@code total_price} is in nano-dollars (Together's own SDK divides by 1e9). */
  static final JobCosts<FinetuneResponseTruncated, Void> FINE_TUNE =
      new JobCosts<>() {
        @Override
        public BigDecimal spentUsd(FinetuneResponseTruncated job) {
          Long nanos = job.getTotalPrice();
          return nanos == null || nanos < 0 ? null : BigDecimal.valueOf(nanos).movePointLeft(9);
        }
      };

  /**
   * A dedicated endpoint bills its hardware's {@code pricing.cents_per_minute} per replica for as
   * long as it is up. The document gives {@code autoscaling.min_replicas} and {@code max_replicas},
   * no current count: the minimum is counted, so the figure is a lower bound.
   */
  static JobCosts<DedicatedEndpoint, Map<String, BigDecimal>> endpoint(ClientRuntime runtime) {
    return new JobCosts<>() {
      /** Cents per minute of each hardware id, from one {@code GET /hardware}. */
      @Override
      public Map<String, BigDecimal> prices() {
        ListHardware200Response list =
            runtime.execute(
                () -> runtime.service(HardwareApi.class).listHardware(null),
                ListHardware200Response.class);
        Map<String, BigDecimal> cents = new HashMap<>();
        if (list != null && list.getData() != null) {
          for (HardwareWithStatus h : list.getData()) {
            if (h != null
                && h.getId() != null
                && h.getPricing() != null
                && h.getPricing().getCentsPerMinute() != null
                && Float.isFinite(h.getPricing().getCentsPerMinute())
                && h.getPricing().getCentsPerMinute() >= 0) {
              // as written (5.42), not as the nearest float (5.4200000762...)
              cents.put(
                  h.getId(), new BigDecimal(Float.toString(h.getPricing().getCentsPerMinute())));
            }
          }
        }
        return cents;
      }

      @Override
      public BigDecimal usdPerHour(DedicatedEndpoint job, Map<String, BigDecimal> prices) {
        BigDecimal centsPerMinute = prices.get(job.getHardware());
        Long replicas = job.getAutoscaling() == null ? null : job.getAutoscaling().getMinReplicas();
        if (centsPerMinute == null || replicas == null || replicas < 0) {
          return null; // hardware the list does not know, or no replica count: not said
        }
        return centsPerMinute
            .multiply(BigDecimal.valueOf(60))
            .multiply(BigDecimal.valueOf(replicas))
            .movePointLeft(2);
      }
    };
  }
}
