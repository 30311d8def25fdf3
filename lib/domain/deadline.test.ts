import { describe, expect, it } from "vitest";
import { isOverdue, needsDeadlineReminder, REMINDER_WINDOW_MS, STILL_DUE } from "./deadline";
import { ARTICLE_STATUSES, STATUS } from "./workflow";

const now = new Date("2026-11-10T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(now.getTime() + ms);

describe("isOverdue", () => {
  it("is overdue only with a passed deadline while the work is still with the writers", () => {
    for (const status of ARTICLE_STATUSES) {
      expect(isOverdue({ deadline: at(-HOUR), status }, now), status).toBe(STILL_DUE.includes(status));
    }
    expect(STILL_DUE).toEqual([STATUS.DRAFT, STATUS.CHANGES_REQUESTED]);
  });

  it("is not overdue without a deadline, before it, or at its very moment", () => {
    expect(isOverdue({ deadline: null, status: STATUS.DRAFT }, now)).toBe(false);
    expect(isOverdue({ deadline: at(HOUR), status: STATUS.DRAFT }, now)).toBe(false);
    expect(isOverdue({ deadline: now, status: STATUS.DRAFT }, now)).toBe(false);
  });
});

describe("needsDeadlineReminder", () => {
  it("reminds within the next day, for work still with the writers", () => {
    expect(needsDeadlineReminder({ deadline: at(10 * HOUR), status: STATUS.DRAFT }, now)).toBe(true);
    expect(needsDeadlineReminder({ deadline: at(REMINDER_WINDOW_MS), status: STATUS.CHANGES_REQUESTED }, now)).toBe(true);
    expect(needsDeadlineReminder({ deadline: at(REMINDER_WINDOW_MS + 1), status: STATUS.DRAFT }, now)).toBe(false);
    expect(needsDeadlineReminder({ deadline: now, status: STATUS.DRAFT }, now)).toBe(false);
    expect(needsDeadlineReminder({ deadline: at(HOUR), status: STATUS.SUBMITTED }, now)).toBe(false);
    expect(needsDeadlineReminder({ deadline: null, status: STATUS.DRAFT }, now)).toBe(false);
  });
});
