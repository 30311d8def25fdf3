"use client";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/lib/api-client";
import { splitTags, type StoryFields } from "../local-draft";
import type { SaveStatus } from "./use-autosave";

/** The headline a story starts with when its first words went into the body (the writer's own replaces it). */
export const UNTITLED = "Untitled story";
const RETRY_MS = 5_000;

type Options = {
  /** The story exists already (the editor of a saved story): nothing to create. */
  existingId: string | null;
  fieldsRef: RefObject<StoryFields>;
  setStatus: (status: SaveStatus) => void;
  /** The server has these fields, at this version (autosave takes over from there). */
  acknowledge: (saved: StoryFields, updatedAt: string, version: number) => void;
  /** The device's copy of the new story (kept until the server has it). */
  clearDraft: () => void;
  /** Set when the story was created under UNTITLED: an empty headline field is then not sent. */
  untitled: RefObject<boolean>;
  onCreated: (id: string) => void;
};

/**
 * A new story exists on the server from the writer's first keystroke: the first edit creates it
 * (through the create-article use case), the address becomes the story's own without a reload
 * (the text and the focus stay), and autosave carries on from there. The device keeps the text
 * meanwhile, and, when the create fails for want of a connection, until it succeeds: it is
 * retried when the connection returns, a few seconds later, or at the next edit.
 */
export function useCreateStory(options: Options) {
  // The latest callbacks, for a create (or its retry) that outlives the render that started it.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const { existingId } = options;
  const inFlight = useRef(false);
  const done = useRef(existingId !== null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [attempt, setAttempt] = useState(0);

  const ensure = useCallback(async (): Promise<void> => {
    if (done.current || inFlight.current) return;
    const { fieldsRef, setStatus, acknowledge, clearDraft, untitled, onCreated } = latest.current;
    const f = fieldsRef.current;
    // Nothing typed yet (an empty restore, a focus): nothing to create.
    if (f.headline.trim() === "" && f.body.replace(/<[^>]*>/g, "").trim() === "" && !f.leadImageId) return;
    if (retry.current) clearTimeout(retry.current);
    inFlight.current = true;
    setStatus({ kind: "saving" });
    const headline = f.headline.trim() === "" ? UNTITLED : f.headline;
    // Through the JSON API, not a server action: a server action's answer refreshes the route,
    // which (at the story's new address) would swap this editor for a fresh one mid-sentence.
    const result = await api.createArticle({ headline, dek: f.dek, section: f.sectionId || null, coAuthorIds: f.coAuthorIds, tags: splitTags(f.tags), body: f.body });
    inFlight.current = false;
    if (!result.ok) {
      const { code, message, fields } = result.error;
      if (code === "NETWORK" || result.status >= 500) {
        // No answer (offline, or the server is away): the text stays on this device; try again.
        setStatus(navigator.onLine ? { kind: "retrying", message: "Couldn't save — retrying" } : { kind: "offline" });
        retry.current = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      } else if (fields) setStatus({ kind: "invalid", message, fields });
      else setStatus({ kind: "failed", message: code === "BAD_RESPONSE" ? "Something went wrong on our side. Your text is still here; try again." : message });
      return;
    }
    done.current = true;
    untitled.current = headline === UNTITLED;
    // What went with the create is on the server; a lead image (from an imported .docx) and
    // whatever was typed meanwhile follow as autosave's first save.
    acknowledge({ ...f, leadImageId: "", leadImageCaption: "" }, result.data.updatedAt, result.data.version);
    clearDraft();
    window.history.replaceState(null, "", `/newsroom/articles/${result.data.id}`);
    onCreated(result.data.id);
  }, []);

  useEffect(() => {
    if (attempt > 0) void ensure();
  }, [attempt, ensure]);

  useEffect(() => {
    const online = () => void ensure();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      if (retry.current) clearTimeout(retry.current);
    };
  }, [ensure]);

  return { ensure };
}
