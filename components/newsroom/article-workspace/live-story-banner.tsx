"use client";
import { useMemo, useRef, useState } from "react";
import { buttonClass, FormMessage, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";
import type { TSavedArticle } from "@/lib/api-client";
import { comparableText, diffStats, wordDiff } from "@/lib/domain/diff";
import { ASKS_ABOUT_SUGGESTIONS, openSuggestionsMessage, TRANSITION_LABELS, type WorkingCopyAction } from "@/lib/domain/workflow";
import { DiffView } from "../diff-view";

type Text = { headline: string; dek: string; text: string };
type LeadImageSummary = { id: string; alt: string; caption: string; credit: string } | null;
/** What a story shows beside its text, as the editor holds it. */
export type BesideFields = { sectionId: string | null; tags: string[]; leadImage: LeadImageSummary; coAuthorIds: string[] };

/** What the page knows of a live (PUBLISHED or SCHEDULED) story's working copy. */
export type LiveStory = {
  /** The text readers see, and what they see beside it. */
  live: Text & BesideFields;
  pendingChanges: boolean;
  /** The working-copy actions this user may take (the policy, on the server). */
  actions: WorkingCopyAction[];
  /** Scheduled rather than published: its live text is what goes out at its time. */
  scheduled: boolean;
};

const DONE: Record<WorkingCopyAction, string> = {
  publish_changes: "Published. Readers now see these changes.",
  discard_changes: "Discarded. The editor shows the live story again.",
  request_publish_changes: "Asked. The people who may publish this story have been told.",
};

/**
 * Whether the working copy differs from the live text: the page's answer, replaced by each save's
 * answer, and the page's again when it changes (after a publish or a discard).
 */
export function usePendingChanges(fromPage: boolean) {
  const [pending, setPending] = useState(fromPage);
  const [seen, setSeen] = useState(fromPage);
  if (seen !== fromPage) {
    setSeen(fromPage);
    setPending(fromPage);
  }
  return { pending, setPending, onSaved: (saved: TSavedArticle) => saved.pendingChanges !== undefined && setPending(saved.pendingChanges) };
}

/**
 * Over the editor of a live story: while its working copy differs from what readers see, says so,
 * shows the words changed since publication, and offers Publish changes and Discard changes to
 * whoever may publish, or "Ask to publish these changes" to whoever may edit but not publish.
 */
export function LiveStoryBanner({
  articleId,
  story,
  pending,
  working,
  dirty,
  action,
  onPublished,
  openSuggestions = 0,
  workingBeside,
  sections = [],
  people = [],
}: {
  /** The section, tags, lead image and co-authors in the editor now. */
  workingBeside?: BesideFields;
  sections?: { id: string; name: string }[];
  people?: { id: string; fullName: string }[];
  /** Suggested edits still open in the working copy: publishing them asks first. */
  openSuggestions?: number;
  articleId: string;
  story: LiveStory;
  pending: boolean;
  /** The text in the editor now. */
  working: Text;
  dirty: boolean;
  action: FormActionFn;
  onPublished: () => void;
}) {
  const clicked = useRef<WorkingCopyAction | null>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [done, setDone] = useState<WorkingCopyAction | null>(null);
  const { state, formAction, pending: sending } = useFormAction(async (prev, form) => {
    const result = await action(prev, form);
    const what = clicked.current;
    if (result.ok && what) {
      setDone(what);
      if (what === "publish_changes") onPublished();
      // The editor holds the discarded text and an older version: open the story afresh.
      if (what === "discard_changes") window.location.reload();
    }
    return result;
  });
  const before = comparableText(story.live);
  const after = comparableText(working);
  const segments = useMemo(() => wordDiff(before, after), [before, after]);
  const stats = diffStats(segments);
  const besideChanges = workingBeside ? besideDiff(story.live, workingBeside, sections, people) : [];

  if (!pending) {
    return (
      <div className="flex flex-col gap-1">
        <p className="rounded border border-rule bg-panel p-2 text-sm" data-testid="live-story-note">
          {story.scheduled
            ? "This story is scheduled. Your edits are saved as a working copy; the approved text goes out unless someone publishes them first."
            : "This story is live. Your edits are saved as a working copy that readers do not see until someone publishes them."}
        </p>
        {done && <FormMessage ok message={DONE[done]} />}
      </div>
    );
  }
  return (
    <section aria-labelledby="live-story-heading" className="rounded border-2 border-warn p-4" data-testid="live-story-banner">
      <h2 id="live-story-heading" className="font-bold">
        You are editing the live story. Readers see the published version until you publish these changes.
      </h2>
      <details className="mt-2" open>
        <summary className="cursor-pointer text-sm font-semibold">
          Changes since publication (+{stats.added} −{stats.removed} words
          {besideChanges.length > 0 && `; ${besideChanges.map((c) => c.label.toLowerCase()).join(", ")} changed`})
        </summary>
        <div className="mt-2 max-h-72 overflow-y-auto">
          <DiffView segments={segments} label="Changes since publication" />
        </div>
        {besideChanges.length > 0 && (
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="live-story-beside-changes">
            {besideChanges.map((c) => (
              <div key={c.label} className="contents">
                <dt className="font-semibold">{c.label}</dt>
                <dd className="min-w-0 break-words">
                  <del className="text-danger">{c.before}</del> → <ins className="no-underline font-semibold">{c.after}</ins>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </details>
      <form action={formAction} className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="id" value={articleId} />
        <input ref={confirmRef} type="hidden" name="confirmOpenSuggestions" value="false" />
        {story.actions.map((a) => (
          <button
            key={a}
            type="submit"
            name="action"
            value={a}
            disabled={sending || dirty}
            onClick={(e) => {
              const asks = ASKS_ABOUT_SUGGESTIONS.has(a) && openSuggestions > 0;
              if (asks && !window.confirm(openSuggestionsMessage(openSuggestions, a))) return e.preventDefault();
              if (confirmRef.current) confirmRef.current.value = asks ? "true" : "false";
              clicked.current = a;
            }}
            className={a === "discard_changes" ? secondaryButtonClass : buttonClass}
          >
            {TRANSITION_LABELS[a]}
          </button>
        ))}
        {story.actions.length === 0 && <p className="text-sm text-muted">Someone who may publish this story can publish these changes.</p>}
        {dirty && <p className="text-sm font-semibold text-warn">Saving your changes first…</p>}
      </form>
      <FormMessage ok={state.ok} message={state.ok && done ? DONE[done] : state.message} />
    </section>
  );
}

/** The section, tags, lead image (with its alt text, caption and credit) and bylines that differ, as "before → after" lines. */
function besideDiff(live: BesideFields, working: BesideFields, sections: { id: string; name: string }[], people: { id: string; fullName: string }[]) {
  const section = (id: string | null) => (id ? (sections.find((s) => s.id === id)?.name ?? "Another section") : "No section");
  const list = (items: string[]) => (items.length ? items.join(", ") : "None");
  const names = (ids: string[]) => list(ids.map((id) => people.find((p) => p.id === id)?.fullName ?? "Someone"));
  const image = (i: LeadImageSummary) => (i ? [i.alt ? `Alt: ${i.alt}` : "No alt text", i.caption && `Caption: ${i.caption}`, i.credit && `Credit: ${i.credit}`].filter(Boolean).join(" · ") : "No lead image");
  const tagKey = (tags: string[]) => [...tags].map((t) => t.trim().toLowerCase()).sort().join("\n");
  const lines: { label: string; before: string; after: string }[] = [];
  if (live.sectionId !== working.sectionId) lines.push({ label: "Section", before: section(live.sectionId), after: section(working.sectionId) });
  if (tagKey(live.tags) !== tagKey(working.tags)) lines.push({ label: "Tags", before: list(live.tags), after: list(working.tags) });
  if ((live.leadImage?.id ?? null) !== (working.leadImage?.id ?? null) || (live.leadImage?.caption ?? "") !== (working.leadImage?.caption ?? "")) lines.push({ label: "Lead image", before: image(live.leadImage), after: image(working.leadImage) });
  if (live.coAuthorIds.join(" ") !== working.coAuthorIds.join(" ")) lines.push({ label: "Co-authors", before: names(live.coAuthorIds), after: names(working.coAuthorIds) });
  return lines;
}
