/**
 * TOTP (RFC 6238) checks on @oslojs/otp's HOTP with explicit counters: 30 s steps, 6 digits,
 * one step either side of now, and never the same step twice (a code seen over a shoulder, or
 * replayed, is refused once used). Pure: the clock is a parameter.
 */
import { generateHOTP, verifyHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the current one: clocks drift, people type slowly. */
export const TOTP_WINDOW = 1;

export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_S);
}

/** The code for a step (tests and the enrolment page's own check). */
export function totpCode(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/** "123 456" or "123-456" → "123456"; anything but six digits → null. */
export function normaliseTotp(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step a code matches within ±TOTP_WINDOW of `now` and after `lastStep`, or null. The
 * caller stores the step it gets, so the next code must come from a later step.
 */
export function matchTotp({ key, code, now, lastStep }: { key: Uint8Array; code: string; now: number; lastStep: number }): number | null {
  const otp = normaliseTotp(code);
  if (!otp) return null;
  const current = totpStep(now);
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (step > lastStep && verifyHOTP(key, BigInt(step), TOTP_DIGITS, otp)) return step;
  }
  return null;
}

/** Recovery codes as shown: "k7m2-9xqp-4t"; case, spaces and dashes do not matter when typed. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, "");
}
