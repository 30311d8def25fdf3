"use client";
import { useEffect, useState } from "react";
import { api } from "@/lib/api-client";

const PRESENCE_MS = 15_000;

/** Who else has this story open: a heartbeat while mounted, a goodbye on leaving. A hint, never a lock; offline, it just goes stale. */
export function usePresence(articleId: string | null): string[] {
  const [others, setOthers] = useState<string[]>([]);
  useEffect(() => {
    if (!articleId) return;
    let stopped = false;
    const beat = async () => {
      const result = await api.touchPresence(articleId);
      if (!stopped && result.ok) setOthers(result.data);
    };
    void beat();
    const id = setInterval(beat, PRESENCE_MS);
    return () => {
      stopped = true;
      clearInterval(id);
      void api.leavePresence(articleId);
    };
  }, [articleId]);
  return others;
}

type TabMessage = { kind: "open" | "here" | "closed"; articleId: string; tab: string };

/**
 * Whether this browser has the story open in another tab too (the same person: tabs of one
 * browser share its session). BroadcastChannel between the tabs, no server: each tab says
 * "open" on arriving and "closed" on leaving, and answers an "open" with "here".
 */
export function useOtherTab(articleId: string | null): boolean {
  const [tabs, setTabs] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!articleId || typeof BroadcastChannel === "undefined") return;
    const tab = crypto.randomUUID();
    const channel = new BroadcastChannel("masthead-story-tabs");
    const say = (kind: TabMessage["kind"]) => channel.postMessage({ kind, articleId, tab } satisfies TabMessage);
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const m = event.data;
      if (m?.articleId !== articleId || m.tab === tab) return;
      if (m.kind === "open") say("here");
      setTabs((current) => {
        const next = new Set(current);
        if (m.kind === "closed") next.delete(m.tab);
        else next.add(m.tab);
        return next;
      });
    };
    const leave = () => say("closed");
    window.addEventListener("pagehide", leave);
    say("open");
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
      channel.close();
      setTabs(new Set());
    };
  }, [articleId]);
  return tabs.size > 0;
}
