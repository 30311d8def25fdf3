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
