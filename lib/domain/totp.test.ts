import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { matchTotp, normaliseRecoveryCode, normaliseTotp, totpCode, totpStep } from "./totp";

// RFC 6238 appendix B's SHA-1 key, "12345678901234567890".
const key = new TextEncoder().encode("12345678901234567890");

describe("TOTP codes", () => {
  it("matches RFC 6238's test vectors (last six digits)", () => {
    expect(totpCode(key, totpStep(59_000))).toBe("287082");
    expect(totpCode(key, totpStep(1_111_111_109_000))).toBe("081804");
    expect(totpCode(key, totpStep(1_234_567_890_000))).toBe("005924");
  });

  it("accepts one step either side of now, and not two", () => {
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) expect(matchTotp({ key, code: totpCode(key, step + offset), now, lastStep: 0 })).toBe(step + offset);
    for (const offset of [-2, 2]) expect(matchTotp({ key, code: totpCode(key, step + offset), now, lastStep: 0 })).toBeNull();
  });

  it("never accepts a step already used, nor an earlier one", () => {
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    expect(matchTotp({ key, code: totpCode(key, step), now, lastStep: step })).toBeNull();
    expect(matchTotp({ key, code: totpCode(key, step - 1), now, lastStep: step })).toBeNull();
    expect(matchTotp({ key, code: totpCode(key, step + 1), now, lastStep: step })).toBe(step + 1);
  });

  it("refuses a wrong code and anything that is not six digits", () => {
    const now = 1_234_567_890_000;
    const right = totpCode(key, totpStep(now));
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotp({ key, code: wrong, now, lastStep: 0 })).toBeNull();
    expect(matchTotp({ key, code: `${right}0`, now, lastStep: 0 })).toBeNull();
    expect(normaliseTotp(" 123 456 ")).toBe("123456");
    expect(normaliseTotp("12a456")).toBeNull();
    expect(matchTotp({ key, code: `${right.slice(0, 3)} ${right.slice(3)}`, now, lastStep: 0 })).toBe(totpStep(now));
  });

  it("reads a base32 secret as apps do", () => {
    expect(decodeBase32IgnorePadding("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).toEqual(key);
    expect(normaliseRecoveryCode("ABCDE-fghij ")).toBe("abcdefghij");
  });
});
