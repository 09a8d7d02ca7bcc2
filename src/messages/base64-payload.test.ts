import { describe, expect, it } from "vitest";
import { describeBase64Problem, scanBase64, sniffImageType } from "./base64-payload.js";
import { IMAGES } from "./test-support/images.js";

describe("scanBase64", () => {
  it("counts the decoded bytes of canonical base64, padded or not", () => {
    expect(scanBase64("QUJD")).toEqual({ ok: true, decodedBytes: 3 });
    expect(scanBase64("QUI=")).toEqual({ ok: true, decodedBytes: 2 });
    expect(scanBase64("QQ==")).toEqual({ ok: true, decodedBytes: 1 });
    expect(scanBase64(IMAGES.png)).toEqual({ ok: true, decodedBytes: 69 });
  });

  it("checks only the range it is given, in place", () => {
    const url = `data:image/png;base64,${IMAGES.png}`;
    expect(scanBase64(url, url.indexOf(",") + 1)).toEqual({ ok: true, decodedBytes: 69 });
    // The header's ":" and ";" are outside the range and not looked at.
    expect(scanBase64("xx:;QUJD", 4)).toEqual({ ok: true, decodedBytes: 3 });
  });

  it("names what is wrong and where", () => {
    expect(scanBase64("")).toEqual({ ok: false, problem: { kind: "empty" } });
    expect(scanBase64("notbase64")).toEqual({
      ok: false,
      problem: { kind: "length", length: 9 },
    });
    expect(scanBase64("QU JD")).toEqual({
      ok: false,
      problem: { kind: "character", offset: 2, char: " " },
    });
    expect(scanBase64("QUJD\n")).toMatchObject({ problem: { kind: "character", offset: 4 } });
    expect(scanBase64("QU-_")).toMatchObject({ problem: { kind: "character", char: "-" } });
    expect(scanBase64("Q===")).toMatchObject({ problem: { kind: "padding", offset: 1 } });
    expect(scanBase64("QQ=A")).toMatchObject({ problem: { kind: "padding", offset: 3 } });
    expect(scanBase64("QUJ")).toMatchObject({ problem: { kind: "length", length: 3 } });
    expect(scanBase64("QUJé")).toMatchObject({ problem: { kind: "character", char: "é" } });
  });

  it("describes each problem in words", () => {
    const scan = scanBase64("QU JD");
    expect(scan.ok).toBe(false);
    if (!scan.ok) expect(describeBase64Problem(scan.problem)).toContain('" " at offset 2');
    expect(describeBase64Problem({ kind: "length", length: 9 })).toContain("multiple of 4");
  });

  it("takes time linear in the payload (complexity check, generous factor)", () => {
    const time = (n: number) => {
      const text = "QUJD".repeat(n);
      const started = performance.now();
      for (let i = 0; i < 3; i++) scanBase64(text);
      return performance.now() - started;
    };
    time(100_000);
    const small = time(250_000);
    const large = time(2_000_000);
    // 8 times the input: linear is ~8x; quadratic would be ~64x.
    expect(large / Math.max(small, 0.5)).toBeLessThan(30);
  });
});

describe("sniffImageType", () => {
  it("recognises each format a provider takes from its first bytes", () => {
    expect(sniffImageType(IMAGES.png)).toBe("image/png");
    expect(sniffImageType(IMAGES.jpeg)).toBe("image/jpeg");
    expect(sniffImageType(IMAGES.gif)).toBe("image/gif");
    expect(sniffImageType(IMAGES.webp)).toBe("image/webp");
    expect(sniffImageType(IMAGES.heic)).toBe("image/heic");
    expect(sniffImageType(IMAGES.heif)).toBe("image/heif");
  });

  it("returns undefined for anything else", () => {
    expect(sniffImageType("AAAA")).toBeUndefined();
    expect(sniffImageType("PHN2Zz4=")).toBeUndefined(); // "<svg>"
    expect(sniffImageType("Qk0=")).toBeUndefined(); // "BM", a bitmap
  });
});
