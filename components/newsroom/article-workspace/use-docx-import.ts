"use client";
import type { Editor } from "@tiptap/react";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { fillDocxImageSlot } from "@/lib/editor/docx-slot";
import type { TMedia, TPickedMedia } from "@/lib/validation/media";
import type { DocxImagePlacement, DocxImport } from "../docx-images";
import { toPicked } from "../media-picker";

type Note = { ok: boolean; message: string };

/** A .docx becomes the story body; its photos wait in slots in the text until each is added (inline or as the lead) or skipped. */
// The text goes in through the editor, so the import is an ordinary edit that autosave picks up.
export function useDocxImport({ articleId, editor, onLeadImage }: { articleId: string | null; editor: Editor | null; onLeadImage: (picked: TPickedMedia) => void }) {
  const [importing, setImporting] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [offer, setOffer] = useState<DocxImport | null>(null);

  async function importFile(file: File) {
    setNote(null);
    setImporting(true);
    const result = await api.importDocx(file, articleId);
    setImporting(false);
    if (!result.ok) {
      const unreachable = result.error.code === "NETWORK" || result.error.code === "BAD_RESPONSE";
      return setNote({ ok: false, message: unreachable ? "Could not reach the server to import the file." : result.error.message });
    }
    const { body, images, failedImages: failed, importId, warnings } = result.data;
    // The document's own warnings come first; the photos left out are listed with the photos.
    const changed = warnings.slice(0, Math.max(0, warnings.length - failed.length));
    editor?.commands.setContent(body, { emitUpdate: true });
    setOffer(images.length > 0 || failed.length > 0 ? { importId, images, failed } : null);
    const photos = images.length === 0 ? "" : images.length === 1 ? " Its photo is below: add it or skip it." : ` Its ${images.length} photos are below: add or skip each.`;
    const kept = changed.length === 0 ? "" : ` Not kept as it was: ${changed.join(" ")}`;
    setNote({ ok: true, message: `Imported. Check the text, then save.${photos}${kept}` });
  }

  /** A photo from the .docx joined the library: it takes its slot in the text, or becomes the lead image. */
  function placed(key: string, media: TMedia, as: DocxImagePlacement) {
    const picked = toPicked(media);
    const figure = as === "inline" ? { mediaId: picked.id, src: picked.url, alt: picked.alt, caption: picked.caption, credit: picked.credit, width: picked.width, height: picked.height } : null;
    fillSlot(key, figure);
    if (as === "lead") onLeadImage(picked);
  }

  function fillSlot(key: string, figure: Parameters<typeof fillDocxImageSlot>[2]) {
    editor?.commands.command(({ tr }) => {
      fillDocxImageSlot(tr, key, figure);
      return true;
    });
  }

  return { importing, note, offer, importFile, placed, skipped: (key: string) => fillSlot(key, null), close: () => setOffer(null) };
}
