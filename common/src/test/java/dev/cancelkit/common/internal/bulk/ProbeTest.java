package dev.cancelkit.common.internal.bulk;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measuring tool, not a check (left out of the build; run it by name, {@code ./mvnw test -pl
 * common -Dtest=ProbeTest -DargLine=-Dprobe=grid}): prints time/ideal of simulated bulk runs
 * against token buckets ({@link PacingTest.Simulation}, 4,000 ids), for comparing pacing changes.
 * {@code -Dprobe=grid} plays 648 runs (rates 50/200/1,000, bursts 1%/10%/100% of the rate, latency
 * 5/20/200 ms, jitter 1/10 ms, concurrency 1-64, headers or not); {@code
 * -Dprobe=rate,burstShare,latencyMs,jitterMs,concurrency,headers} one.
 */
class ProbeTest {
  @Test
  @EnabledIfSystemProperty(named = "probe", matches = ".+")
  void probe() {
    String spec = System.getProperty("probe");
    if (spec.equals("grid")) {
      StringBuilder sb = new StringBuilder();
      for (double r : new double[] {200, 50, 1000}) {
        for (double bf : new double[] {0.1, 0.01, 1.0}) {
          for (int lat : new int[] {20, 5, 200}) {
            for (int jit : new int[] {1, 10}) {
              for (int c : new int[] {8, 1, 2, 4, 16, 64}) {
                for (boolean h : new boolean[] {false, true}) {
                  sb.append(line(r, bf, lat, jit, c, h)).append('\n');
                }
              }
            }
          }
        }
      }
      System.out.print(sb);
      return;
    }
    for (String one : spec.split(";")) {
      String[] p = one.split(",");
      System.out.println(
          line(
              Double.parseDouble(p[0]),
              Double.parseDouble(p[1]),
              Integer.parseInt(p[2]),
              Integer.parseInt(p[3]),
              Integer.parseInt(p[4]),
              Boolean.parseBoolean(p[5])));
    }
  }

  private static String line(double r, double bf, int lat, int jit, int c, boolean h) {
    int n = 4000;
    var o =
        new PacingTest.Simulation(
                r, Math.max(1, r * bf), Duration.ofMillis(lat), Duration.ofMillis(jit), h)
            .run(n, c);
    double ideal = Math.max(n / r, n * (lat + jit / 2.0) / 1000.0 / c);
    return String.format(
        java.util.Locale.ROOT,
        "PROBE %-28s %8.2fs %6.3fx 429=%5.2f%% failed=%d",
        r + "/" + bf + "/" + lat + "/" + jit + "/" + c + "/" + h,
        o.seconds(),
        o.seconds() / ideal,
        100.0 * o.refusedShare(),
        o.failed());
  }
}
