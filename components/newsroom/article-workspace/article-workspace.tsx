"use client";
import type { Editor } from "@tiptap/react";
import { useEffect, useId, useRef, useState } from "react";
import type { FormActionFn } from "@/components/ui/use-form-action";
import { type ArticleStatus, STATUS, type TransitionAction } from "@/lib/domain/workflow";
import type { TPickedMedia } from "@/lib/validation/media";
import { LeadImageField } from "./lead-image-field";
import { type LiveStory, LiveStoryBanner, usePendingChanges } from "./live-story-banner";
import { ReadOnlyDetails, ReadOnlyNotice } from "./read-only-notice";
import { RestorePrompt } from "./restore-prompt";
import { SaveBar } from "./save-bar";
import { StoryBody } from "./story-body";
import { StoryMetaFields, TagsField } from "./story-fields";
import { TransitionPanel } from "./transition-panel";
import { useAutosave } from "./use-autosave";
import { useCreateStory } from "./use-create-story";
import { useDocxImport } from "./use-docx-import";
import { useLocalDraft } from "./use-local-draft";
import { useOtherTab, usePresence } from "./use-presence";
import { CommentsPanel, type CommentsPanelProps } from "../comments-panel";
import { ConflictView } from "../conflict-view";
import type { StoryFields } from "../local-draft";
import { useStoryEditor } from "../rich-text-editor";
import { type SuggestionsAccess, useSuggestions, useSuggestModeExtensions } from "../suggestions";

export type EditableArticle = {
  id: string;
  headline: string;
  dek: string;
  sectionId: string | null;
  coAuthorIds: string[];
  tags: string[];
  leadImage: TPickedMedia | null;
  /** The story's own caption for its lead image ("": the library's, `leadImage.caption`). */
  leadImageCaption: string;
  /** Editor HTML (with comment anchors). */
  bodyHtml: string;
  version: number;
  status: ArticleStatus;
};

type Props = {
  article: EditableArticle | null;
  canEdit: boolean;
  sections: { id: string; name: string }[];
  people: { id: string; fullName: string }[];
  transitions: TransitionAction[];
  timeZone: string;
  transitionAction: FormActionFn;
  /** The comment threads and what the user may do with them (absent on a new story). */
  comments?: Omit<CommentsPanelProps, "editor">;
  /** A PUBLISHED or SCHEDULED story: its live text and what may be done with its working copy. */
  liveStory?: LiveStory;
  /** Who the user is and what they may do with suggested edits (absent on a new story). */
  suggestions?: SuggestionsAccess;
};

/**
 * The story editor. Never loses a word: it saves by itself a moment after typing stops, on blur
 * and when the page is hidden; keeps unsaved edits on the device until the server acknowledges
 * them; and never overwrites a newer version (the server compares versions; a conflict opens a
 * side-by-side view). The hooks and parts beside this file each do one of those jobs.
 */
export function ArticleWorkspace({ article, canEdit, sections, people, transitions, timeZone, transitionAction, comments, liveStory, suggestions }: Props) {
  const bodyLabel = useId();
  // May suggest but not edit (a writer or co-author in review): the story reads as text, as any
  // read-only story does, until they choose "Suggest changes"; then the body takes suggestions
  // and nothing else changes.
  const maySuggestOnly = !canEdit && !!article && !!suggestions?.canSuggest;
  const [suggestingChosen, setSuggestingChosen] = useState(false);
  const suggestOnly = maySuggestOnly && suggestingChosen;
  const bodyEditable = canEdit || suggestOnly;
  // A new story gets its id from the server at the first keystroke (use-create-story).
  const [createdId, setCreatedId] = useState<string | null>(null);
  const articleId = article?.id ?? createdId;
  const initial: StoryFields = {
    headline: article?.headline ?? "",
    dek: article?.dek ?? "",
    sectionId: article?.sectionId ?? "",
    coAuthorIds: article?.coAuthorIds ?? [],
    tags: (article?.tags ?? []).join(", "),
    leadImageId: article?.leadImage?.id ?? "",
    leadImageCaption: article?.leadImageCaption ?? "",
    body: article?.bodyHtml ?? "",
  };
  const timeLabel = (iso: string) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));

  // The editor is created after autosave (its onChange is autosave's update); autosave reaches it through this ref.
  const editorRef = useRef<Editor | null>(null);
  const local = useLocalDraft(articleId, initial);
  const untitled = useRef(false);
  const changes = usePendingChanges(liveStory?.pendingChanges ?? false);
  const story = useAutosave({
    articleId,
    canEdit: bodyEditable,
    initial,
    initialVersion: article?.version ?? 0,
    draft: { keep: local.keep, clear: local.clear },
    editor: editorRef,
    timeLabel,
    onSaved: changes.onSaved,
    omitEmptyHeadline: () => untitled.current,
  });
  const create = useCreateStory({
    existingId: article?.id ?? null,
    fieldsRef: story.fieldsRef,
    setStatus: story.setStatus,
    acknowledge: story.acknowledge,
    clearDraft: local.clear,
    untitled,
    onCreated: setCreatedId,
  });
  /** Every edit; the first one of a new story creates it. */
  const edit = (patch: Partial<StoryFields>) => {
    story.update(patch);
    void create.ensure();
  };
  // Created: what was typed while the create was on its way is saved at once.
  const { save } = story;
  useEffect(() => {
    if (createdId) void save();
  }, [createdId, save]);
  const others = usePresence(articleId);
  const otherTab = useOtherTab(articleId);
  const errors = story.status.kind === "invalid" ? story.status.fields : {};
  const access = suggestions && { ...suggestions, suggestOnly };
  const suggestModeExtensions = useSuggestModeExtensions(access);
  // What the last paste from Word, Google Docs or LibreOffice could not keep as it was.
  const [pasteWarnings, setPasteWarnings] = useState<string[]>([]);

  const editor = useStoryEditor({
    initialHtml: initial.body,
    editable: bodyEditable,
    onChange: (body, { normalised }) => (normalised ? story.normalise(body) : edit({ body })),
    onBlur: () => void story.save(),
    labelledBy: bodyLabel,
    describedBy: errors.body ? "body-error" : undefined,
    extensions: suggestModeExtensions,
    onPasteWarnings: setPasteWarnings,
  });
  const suggested = useSuggestions({ editor, articleId, access, story, timeZone });
  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);

  // The picked image itself (for its preview); the fields carry only its id.
  const [leadImage, setLeadImage] = useState<TPickedMedia | null>(article?.leadImage ?? null);
  const chooseLead = (picked: TPickedMedia | null) => {
    setLeadImage(picked);
    // A caption written for the old photo does not describe the new one.
    edit({ leadImageId: picked?.id ?? "", leadImageCaption: "" });
  };
  const docx = useDocxImport({ articleId, editor, onLeadImage: chooseLead });
  const fieldProps = { fields: story.fields, errors, canEdit, update: edit, save: () => void story.save() };

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem] lg:grid-rows-[auto_1fr]">
      {/* First in the tab order (right after the page heading), second column on a wide screen. */}
      {articleId && transitions.length > 0 && (
        <div className="lg:col-start-2 lg:row-start-1">
          <TransitionPanel
            articleId={articleId}
            status={article?.status ?? STATUS.DRAFT}
            transitions={transitions}
            dirty={story.dirty}
            timeZone={timeZone}
            action={transitionAction}
            hidden={!canEdit ? ["withdraw"] : []}
            openSuggestions={suggested.open.length}
          />
        </div>
      )}
      <div className="flex flex-col gap-4 lg:col-start-1 lg:row-span-2 lg:row-start-1">
        {article && !canEdit && !suggestOnly && (
          <ReadOnlyNotice articleId={article.id} status={article.status} transitions={transitions} onSuggest={maySuggestOnly ? () => setSuggestingChosen(true) : undefined} />
        )}
        {suggestOnly && (
          <p role="note" className="rounded border-2 border-rule bg-panel p-3 font-semibold" data-testid="suggest-only-notice">
            You can no longer edit this story directly, but you can suggest changes: what you type and delete is recorded as suggestions for the writers and editors to accept or reject.
          </p>
        )}
        {others.length > 0 && (
          <p role="status" className="rounded border border-warn p-2 text-sm font-semibold" data-testid="presence">
            {others.join(" and ")} {others.length === 1 ? "is" : "are"} editing this story too. Your saves never overwrite theirs.
          </p>
        )}
        {otherTab && (
          <p role="status" className="rounded border border-warn p-2 text-sm font-semibold" data-testid="other-tab">
            Open in another tab of yours. Edit in one tab: the other’s saves would meet yours as a conflict.
          </p>
        )}
        {local.restorable && (
          <RestorePrompt
            savedAtLabel={timeLabel(new Date(local.restorable.savedAt).toISOString())}
            onRestore={() => {
              const kept = local.take();
              if (!kept) return;
              const { baseVersion, savedAt: _savedAt, ...restored } = kept;
              story.restore(restored, baseVersion);
              void create.ensure();
            }}
            onDiscard={local.discard}
          />
        )}
        {articleId && liveStory && (
          <LiveStoryBanner
            articleId={articleId}
            story={liveStory}
            pending={changes.pending}
            working={{ headline: story.fields.headline, dek: story.fields.dek, text: editor?.getText({ blockSeparator: "\n\n" }) ?? "" }}
            dirty={story.dirty}
            action={transitionAction}
            onPublished={() => changes.setPending(false)}
            openSuggestions={suggested.open.length}
            workingBeside={{
              sectionId: story.fields.sectionId || null,
              tags: story.fields.tags.split(",").map((t) => t.trim()).filter(Boolean),
              leadImage: leadImage && { ...leadImage, caption: story.fields.leadImageCaption.trim() || leadImage.caption },
              coAuthorIds: story.fields.coAuthorIds,
            }}
            sections={sections}
            people={people}
          />
        )}
        {story.conflict && (
          <ConflictView
            mine={story.conflict.mine}
            theirs={story.conflict.theirs}
            merging={story.conflict.merging}
            onKeepMine={story.resolveConflict.keepMine}
            onKeepTheirs={story.resolveConflict.keepTheirs}
            onMerge={story.resolveConflict.merge}
            onDone={story.resolveConflict.done}
          />
        )}
        <form
          className="flex flex-col gap-4"
          aria-label="Story"
          onSubmit={(e) => {
            e.preventDefault();
            void (articleId ? story.save() : create.ensure());
          }}
          noValidate
        >
          {canEdit ? (
            <StoryMetaFields {...fieldProps} sections={sections} people={people} />
          ) : (
            <ReadOnlyDetails
              headline={story.fields.headline}
              dek={story.fields.dek}
              section={sections.find((s) => s.id === story.fields.sectionId)?.name ?? null}
              coAuthors={people.filter((p) => story.fields.coAuthorIds.includes(p.id)).map((p) => p.fullName)}
              tags={story.fields.tags}
            />
          )}
          <LeadImageField
            image={leadImage}
            editable={canEdit && !!articleId}
            onChange={chooseLead}
            caption={story.fields.leadImageCaption}
            onCaptionChange={(leadImageCaption) => edit({ leadImageCaption })}
            onCaptionBlur={() => void story.save()}
            captionError={errors.leadImageCaption}
          />
          {canEdit && <TagsField {...fieldProps} />}
          <StoryBody labelId={bodyLabel} canEdit={canEdit} suggestOnly={suggestOnly} editor={editor} docx={docx} error={errors.body} tools={suggested.tools} pasteWarnings={pasteWarnings} onDismissPasteWarnings={() => setPasteWarnings([])} />
          {suggested.caret}
          {bodyEditable && <SaveBar status={story.status} />}
        </form>
      </div>
      <div className="flex flex-col gap-6 lg:col-start-2 lg:row-start-2">
        {suggested.panel}
        {comments && <CommentsPanel {...comments} editor={editor} />}
      </div>
    </div>
  );
}
