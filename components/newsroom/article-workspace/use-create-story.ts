"use client";
import { useRouter } from "next/navigation";
import type { RefObject } from "react";
import type { SavedArticle } from "@/lib/actions/articles";
import type { ActionState } from "@/lib/actions/form-state";
import { api } from "@/lib/api-client";
import { splitTags, type StoryFields } from "../local-draft";
import type { SaveStatus } from "./use-autosave";

type Options = {
  createAction: (input: unknown) => Promise<ActionState<SavedArticle>>;
  fieldsRef: RefObject<StoryFields>;
  setStatus: (status: SaveStatus) => void;
  acknowledge: (saved: StoryFields, updatedAt: string) => void;
  clearDraft: () => void;
};

/** The first save of a new story: create it, then open its own page, where autosave takes over. A refusal keeps the input in the form. */
export function useCreateStory({ createAction, fieldsRef, setStatus, acknowledge, clearDraft }: Options) {
  const router = useRouter();
  return async function create() {
    setStatus({ kind: "saving" });
    const f = fieldsRef.current;
    const result = await createAction({ headline: f.headline, dek: f.dek, section: f.sectionId || null, coAuthorIds: f.coAuthorIds, tags: splitTags(f.tags), body: f.body });
    if (!result.ok || !result.data) {
      const message = result.message ?? "Something went wrong on our side. Your text is still here; try again.";
      setStatus(result.fields ? { kind: "invalid", message, fields: result.fields } : { kind: "failed", message });
      return;
    }
    // A lead image chosen before the story existed (a photo from an imported .docx) is saved
    // as the story's first edit; the story itself is already safe if that fails.
    if (f.leadImageId) await api.saveArticle(result.data.id, { leadImageId: f.leadImageId, version: result.data.version });
    acknowledge(f, result.data.updatedAt);
    clearDraft();
    router.replace(`/newsroom/articles/${result.data.id}`);
  };
}
