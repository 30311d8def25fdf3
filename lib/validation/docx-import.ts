import { z } from "zod";
import { ZId } from "./article";
import { ZMediaUpdate } from "./media";

/** The .docx upload limit (the API refuses anything bigger unread). */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;
/** Photos taken from one document; the rest are reported, to add from the media library. */
export const MAX_DOCX_IMAGES = 20;
/** The form of an `importId`: anything else names no import. */
export const IMPORT_ID = /^[a-f0-9]{24}$/;

/** The form fields of POST /api/v1/import besides the file: the story it is for, if it exists yet. */
export const ZDocxImportForm = z.object({
  articleId: z.preprocess((v) => (v === "" || v === null ? undefined : v), ZId.optional()),
});
export type TDocxImportForm = z.infer<typeof ZDocxImportForm>;

/** POST /api/v1/import/:importId/images/:key: the photo's details as it enters the library. */
export const ZDocxImageAdd = ZMediaUpdate;
export type TDocxImageAdd = z.infer<typeof ZDocxImageAdd>;

/** A photo from the document, processed and waiting for the user to add or skip it. */
export type TDocxImageOffer = {
  /** `image-1`, … in document order; the slot `<div data-docx-image="image-1">` in `body` is where it stood. */
  key: string;
  /** "Photo 1 (PNG)", for people. */
  label: string;
  /** The file name it gets in the media library. */
  name: string;
  /** Word's alt text for the picture, if the writer gave it any. */
  alt: string;
  width: number;
  height: number;
  /** A small WebP rendition as a data: URL (metadata already stripped). */
  preview: string;
};

/** A picture that could not go through the media pipeline; the text was imported anyway. */
export type TDocxImageFailure = { key: string; label: string; reason: string };

export type TDocxImportResult = {
  /** Names the staged photos for the add/skip calls; null when the document had none to offer. */
  importId: string | null;
  body: string;
  images: TDocxImageOffer[];
  failedImages: TDocxImageFailure[];
  /**
   * One sentence per thing not kept as it was: first the document's (merged heading levels, a
   * table in a table, a photo moved out of a table), then one per picture left out.
   */
  warnings: string[];
};
