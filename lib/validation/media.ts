import { z } from "zod";

/** Limits shared by the uploader (instant feedback) and the server (the real check). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_MEGAPIXELS = 40;
/** Files per upload request; the newsroom uploader sends one file per request. */
export const MAX_FILES_PER_REQUEST = 10;

export const MEDIA_MESSAGES = {
  notImage: "That file is not a JPEG, PNG, WebP or HEIC image.",
  empty: "That file is empty.",
  tooBig: "That file is over 20 MB. Choose a smaller image (phones can share a smaller size).",
  tooManyPixels: `That image is over ${MAX_UPLOAD_MEGAPIXELS} megapixels. Resize it and try again.`,
  unreadable: "That image could not be read; it may be damaged. Export it again and retry.",
  heicUnreadable: "That HEIC image could not be converted; it may be damaged. Export it as JPEG and try again.",
  heicNoSize: "That HEIC image does not say how big it is, so it was not opened. Export it as JPEG and try again.",
  heicTooSlow: "That HEIC image took too long to convert. Export it as JPEG and try again.",
  noFile: "Choose an image to upload.",
  tooManyFiles: `Upload at most ${MAX_FILES_PER_REQUEST} images at a time.`,
} as const;

/** A caption: the library's, or a story's own for its lead image (lib/validation/article.ts). */
export const ZMediaCaption = z.string({ error: "The caption must be text." }).trim().max(1000, "Keep the caption under 1,000 characters.");

export const ZMediaUpdate = z.object({
  alt: z
    .string({ error: "Alt text must be text." })
    .trim()
    .max(500, "Keep alt text under 500 characters; put the rest in the caption.")
    .optional(),
  caption: ZMediaCaption.optional(),
  credit: z.string({ error: "The credit must be text." }).trim().max(200, "Keep the credit under 200 characters.").optional(),
});
export type TMediaUpdate = z.infer<typeof ZMediaUpdate>;

export const ZMediaQuery = z.object({
  q: z.string().trim().max(100, "Search for something shorter (under 100 characters).").optional(),
  /** `?missingAlt=1`: only images that still need alt text. */
  missingAlt: z
    .enum(["1", "0", "true", "false"], { error: "missingAlt is 1 or 0." })
    .transform((v) => v === "1" || v === "true")
    .optional(),
  limit: z.coerce.number({ error: "limit must be a number." }).int("limit must be a whole number.").min(1).max(200, "limit is at most 200.").optional(),
});
export type TMediaQuery = z.infer<typeof ZMediaQuery>;

/** Responsive sources for an <img>/<picture>; every URL is under /media/. */
export type TMediaUrls = {
  /** JPEG fallback at the largest rendition. */
  src: string;
  srcSetWebp: string;
  srcSetAvif: string;
  /** Size of `src`, for width/height attributes (no layout shift). */
  width: number;
  height: number;
};

/** What the newsroom (pages, API, client components) sees of a library image. */
export type TMedia = {
  id: string;
  originalName: string;
  /** The detected type of the upload (image/jpeg, image/png, image/webp, image/heic). */
  mimeType: string;
  /** Upright size of the original. */
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  urls: TMediaUrls;
  /** The smallest WebP rendition, for grids. */
  thumbUrl: string;
  uploadedBy: { id: string; name: string } | null;
  createdAt: string;
  /** Whether the caller may change alt, caption and credit. */
  canEdit: boolean;
};

/** The public site's view of an image: no uploader, no file names. */
export type TPublicMedia = Pick<TMedia, "id" | "alt" | "caption" | "credit" | "urls">;

/** What the media picker hands to its caller. */
export type TPickedMedia = { id: string; url: string; alt: string; caption: string; credit: string; width: number; height: number };
