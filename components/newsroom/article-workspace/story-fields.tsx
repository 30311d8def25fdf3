"use client";
import { Field, inputClass } from "@/components/ui/field";
import type { StoryFields } from "../local-draft";

type Props = {
  fields: StoryFields;
  /** The server's field messages from the last refused save, keyed by API field name. */
  errors: Record<string, string>;
  canEdit: boolean;
  update: (patch: Partial<StoryFields>) => void;
  /** Leaving a field saves at once instead of waiting for the typing pause. */
  save: () => void;
};

/** The headline's limit (ZArticleCreate in lib/validation/article.ts). */
const HEADLINE_MAX = 200;

/** Characters used of the headline's 200, visible while typing; over the limit it says so before any save is refused. */
function HeadlineCounter({ length }: { length: number }) {
  const over = length > HEADLINE_MAX;
  return (
    <p id="headline-count" className={`text-xs ${over ? "font-semibold text-danger" : length > HEADLINE_MAX - 20 ? "font-semibold text-warn" : "text-muted"}`} data-testid="headline-count">
      {over ? `${length}/${HEADLINE_MAX} characters: ${length - HEADLINE_MAX} over the limit` : `${length}/${HEADLINE_MAX} characters`}
    </p>
  );
}

/** Headline, dek, section and co-authors: the fields above the lead image. */
export function StoryMetaFields({
  fields,
  errors,
  canEdit,
  update,
  save,
  sections,
  people,
}: Props & { sections: { id: string; name: string }[]; people: { id: string; fullName: string }[] }) {
  return (
    <>
      <Field id="headline" label="Headline" error={errors.headline}>
        <input
          id="headline"
          value={fields.headline}
          onChange={(e) => update({ headline: e.target.value })}
          onBlur={save}
          readOnly={!canEdit}
          aria-invalid={errors.headline || fields.headline.length > HEADLINE_MAX ? true : undefined}
          aria-describedby={errors.headline ? "headline-error headline-count" : "headline-count"}
          className={`${inputClass} font-serif text-2xl font-bold`}
        />
        <HeadlineCounter length={fields.headline.length} />
      </Field>
      <Field id="dek" label="Dek (summary under the headline)" error={errors.dek}>
        <textarea
          id="dek"
          value={fields.dek}
          rows={2}
          onChange={(e) => update({ dek: e.target.value })}
          onBlur={save}
          readOnly={!canEdit}
          aria-invalid={errors.dek ? true : undefined}
          aria-describedby={errors.dek ? "dek-error" : undefined}
          className={inputClass}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="section" label="Section" error={errors.section}>
          <select id="section" value={fields.sectionId} disabled={!canEdit} onChange={(e) => update({ sectionId: e.target.value })} className={inputClass}>
            <option value="">No section</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-semibold">Co-authors</legend>
          <div className="max-h-32 overflow-y-auto rounded border border-rule p-2 text-sm">
            {people.length === 0 && <p className="text-muted">No one else on staff yet.</p>}
            {people.map((p) => (
              <label key={p.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  disabled={!canEdit}
                  checked={fields.coAuthorIds.includes(p.id)}
                  onChange={(e) => update({ coAuthorIds: e.target.checked ? [...fields.coAuthorIds, p.id] : fields.coAuthorIds.filter((id) => id !== p.id) })}
                />
                {p.fullName}
              </label>
            ))}
          </div>
          {errors.coAuthorIds && <p className="text-sm font-semibold text-danger">{errors.coAuthorIds}</p>}
        </fieldset>
      </div>
    </>
  );
}

/** Comma-separated tags; the server reports a bad one as `tags.N`, shown on the one field. */
export function TagsField({ fields, errors, canEdit, update, save }: Props) {
  return (
    <Field id="tags" label="Tags" error={errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith("tags."))?.[1]} hint="Separate tags with commas, e.g. Syria, Middle East.">
      <input id="tags" value={fields.tags} onChange={(e) => update({ tags: e.target.value })} onBlur={save} readOnly={!canEdit} aria-describedby="tags-hint" className={inputClass} />
    </Field>
  );
}
