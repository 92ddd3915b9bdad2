// The bench's memory figures: a reading inside the noise says so, never a negative size or ratio
// (a fresh run once printed −1.24 KiB per idle client and a −0.13× ratio).
import { describe, expect, it } from "vitest";
import { costPer, kbOrNoise, ratioText, summarizeReadings } from "../../bench/lib/noise.mjs";

describe("bench memory figures", () => {
  it("takes the median and the spread of several readings", () => {
    expect(summarizeReadings([30, 10, 20, 50, 40])).toEqual({ rss: 30, spread: 40 });
    expect(() => summarizeReadings([])).toThrow();
  });

  it("a cost larger than both readings' spreads is a size in KiB", () => {
    const cost = costPer({ rss: 100_000_000, spread: 50_000 }, { rss: 110_240_000, spread: 50_000 }, 1000);
    expect(cost).toEqual({ bytes: 10_240, noiseBytes: 100, belowNoise: false });
    expect(kbOrNoise(cost.bytes, cost.noiseBytes, cost.belowNoise)).toBe(10);
  });

  it("a smaller or negative difference is 'below noise' with the noise it was inside", () => {
    // The case that printed −1.24 KiB: RSS went down by 254 KiB over 200 clients.
    const shrank = costPer({ rss: 80_000_000, spread: 400_000 }, { rss: 79_740_000, spread: 300_000 }, 200);
    expect(shrank.belowNoise).toBe(true);
    expect(kbOrNoise(shrank.bytes, shrank.noiseBytes, shrank.belowNoise)).toBe("below noise (±3.42)");
    const small = costPer({ rss: 80_000_000, spread: 400_000 }, { rss: 80_500_000, spread: 300_000 }, 200);
    expect(small.belowNoise).toBe(true);
    expect(kbOrNoise(small.bytes, small.noiseBytes, small.belowNoise)).toMatch(/^below noise \(±\d+\.\d\d\)$/);
    // Even a reading not flagged (no spread recorded) is never printed as a negative or zero size.
    expect(kbOrNoise(-1270, 0, false)).toBe("below noise (±0.00)");
    expect(kbOrNoise(0, 0, false)).toBe("below noise (±0.00)");
    expect(kbOrNoise(null, 0, false)).toBeNull();
  });

  it("a ratio only between positive figures", () => {
    expect(ratioText(20, [10, 40], "lower")).toBe("2.00× (lower is better)");
    expect(ratioText(20, [10, 40], "higher")).toBe("0.50× (higher is better)");
    expect(ratioText("below noise (±3.42)", [10], "lower")).toBe("–");
    expect(ratioText(-1.24, [9.5], "lower")).toBe("–");
    expect(ratioText(5, [-9.5, "below noise (±1.00)"], "lower")).toBe("–");
    expect(ratioText(5, [0, 2], "lower")).toBe("2.50× (lower is better)");
    expect(ratioText(5, [2], null)).toBe("–");
  });
});
