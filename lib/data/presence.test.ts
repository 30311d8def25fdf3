import { describe, expect, it } from "vitest";
import { countPresenceStories, leavePresence, otherEditors, PRESENCE_SWEEP_AT, touchPresence } from "./presence";

describe("the presence store", () => {
  it("holds the stories open lately, not every story opened since the server started", () => {
    const start = 1_000_000;
    // An afternoon of opening stories, each for a moment: a minute apart, far beyond the TTL.
    for (let i = 0; i < PRESENCE_SWEEP_AT * 4; i++) touchPresence({ articleId: `story-${i}`, userId: "u1", name: "Ana", now: start + i * 60_000 });
    expect(countPresenceStories()).toBeLessThanOrEqual(PRESENCE_SWEEP_AT);
    // Who is in a story now is still known.
    const now = start + (PRESENCE_SWEEP_AT * 4 - 1) * 60_000;
    touchPresence({ articleId: `story-${PRESENCE_SWEEP_AT * 4 - 1}`, userId: "u2", name: "Ben", now });
    expect(otherEditors({ articleId: `story-${PRESENCE_SWEEP_AT * 4 - 1}`, userId: "u2", now })).toEqual(["Ana"]);
  });

  it("forgets a story when its last editor leaves", () => {
    touchPresence({ articleId: "left-story", userId: "u1", name: "Ana" });
    const open = countPresenceStories();
    leavePresence({ articleId: "left-story", userId: "u1" });
    expect(countPresenceStories()).toBe(open - 1);
  });
});
