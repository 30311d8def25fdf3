import type { Metadata } from "next";
import Link from "next/link";
import { MediaDetailsForm } from "@/components/newsroom/media-details-form";
import { MediaUploader } from "@/components/newsroom/media-uploader";
import { buttonClass, inputClass } from "@/components/ui/field";
import { requireUserPage } from "@/lib/auth/session";
import { listMedia } from "@/lib/data/media";
import { getPublication } from "@/lib/data/publication";
import { formatDateTime } from "@/lib/domain/time";
import { ZMediaQuery } from "@/lib/validation/media";

export const metadata: Metadata = { title: "Media library | Masthead newsroom" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function MediaLibraryPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUserPage();
  const raw = await searchParams;
  const parsed = ZMediaQuery.safeParse({
    q: typeof raw.q === "string" ? raw.q : undefined,
    missingAlt: raw.missingAlt === "1" ? "1" : undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const [media, publication] = await Promise.all([listMedia({ actor: user, query: { ...query, limit: 120 } }), getPublication()]);
  const filtered = Boolean(query.q || query.missingAlt);

  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="font-serif text-3xl font-bold">Media library</h1>
        <p className="mt-1 text-muted">
          Photos for stories. Every image needs alt text (what it shows, for readers who cannot see it) before a story using it can be published. Location
          and camera data are removed on upload.
        </p>
      </div>

      <section aria-labelledby="upload-heading" className="rounded border border-rule p-4">
        <h2 id="upload-heading" className="text-lg font-bold">
          Upload photos
        </h2>
        <div className="mt-3">
          <MediaUploader />
        </div>
      </section>

      <section aria-labelledby="library-heading" className="flex flex-col gap-4">
        <h2 id="library-heading" className="text-lg font-bold">
          {filtered ? "Matching images" : "Latest images"}
        </h2>
        <form method="get" role="search" className="flex flex-wrap items-end gap-3" aria-label="Search the media library">
          <div className="flex min-w-64 flex-1 flex-col gap-1">
            <label htmlFor="media-q" className="text-sm font-semibold">
              Search alt text, captions, credits and file names
            </label>
            <input id="media-q" name="q" type="search" defaultValue={query.q ?? ""} className={inputClass} />
          </div>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="missingAlt" value="1" defaultChecked={Boolean(query.missingAlt)} />
            Only images without alt text
          </label>
          <button type="submit" className={buttonClass}>
            Search
          </button>
          {filtered && (
            <Link href="/newsroom/media" className="pb-2 text-sm font-semibold">
              Show all
            </Link>
          )}
        </form>
        {!parsed.success && (
          <p role="alert" className="font-semibold text-danger">
            {parsed.error.issues[0]?.message ?? "That search could not be read."}
          </p>
        )}

        {media.length === 0 ? (
          <p className="text-muted">{filtered ? "No image matches that search." : "No images yet. Upload the first one above."}</p>
        ) : (
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3" aria-label="Images">
            {media.map((m) => (
              <li key={m.id} className="flex flex-col gap-3 rounded border border-rule p-3">
                <a href={m.urls.src} className="block overflow-hidden rounded bg-panel" aria-label={`Open ${m.originalName} full size`}>
                  <picture>
                    <source type="image/avif" srcSet={m.urls.srcSetAvif} sizes="(min-width: 1024px) 22rem, (min-width: 640px) 45vw, 100vw" />
                    <source type="image/webp" srcSet={m.urls.srcSetWebp} sizes="(min-width: 1024px) 22rem, (min-width: 640px) 45vw, 100vw" />
                    <img src={m.urls.src} alt={m.alt} width={m.urls.width} height={m.urls.height} loading="lazy" className="aspect-[4/3] h-auto w-full object-contain" />
                  </picture>
                </a>
                <div className="text-xs text-muted">
                  <p className="break-all font-semibold text-ink">{m.originalName}</p>
                  <p>
                    {m.width} × {m.height} · {m.mimeType.replace("image/", "").toUpperCase()} · {m.uploadedBy ? `${m.uploadedBy.name}, ` : ""}
                    {formatDateTime(new Date(m.createdAt), publication.timeZone)}
                  </p>
                  {!m.alt && <p className="mt-1 font-semibold text-warn">Needs alt text</p>}
                </div>
                <MediaDetailsForm media={m} />
              </li>
            ))}
          </ul>
        )}
        {media.length === 120 && <p className="text-sm text-muted">Showing the latest 120. Search to find older images.</p>}
      </section>
    </div>
  );
}
