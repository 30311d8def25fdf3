import type { MetadataRoute } from "next";
import { listPublishedArticles } from "@/lib/data/articles";
import { listMastheadVolumeNumbers } from "@/lib/data/masthead";
import { listAuthorSlugs } from "@/lib/data/people";
import { listSections } from "@/lib/data/sections";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;

/** Every public page: front page, sections, published stories (not noindex), authors, mastheads. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [{ articles }, sections, authors, mastheads] = await Promise.all([listPublishedArticles({ limit: 5000 }), listSections(), listAuthorSlugs(), listMastheadVolumeNumbers()]);
  return [
    { url: absoluteUrl("/"), changeFrequency: "hourly", priority: 1 },
    ...sections.map((s) => ({ url: absoluteUrl(`/sections/${s.slug}`), changeFrequency: "daily" as const, priority: 0.7 })),
    ...articles.filter((a) => !a.noindex).map((a) => ({ url: absoluteUrl(`/articles/${a.slug}`), lastModified: new Date(a.updatedAt), priority: 0.8 })),
    ...authors.map((p) => ({ url: absoluteUrl(`/authors/${p.slug}`), lastModified: p.updatedAt, priority: 0.3 })),
    { url: absoluteUrl("/staff"), priority: 0.3 },
    ...mastheads.map((n) => ({ url: absoluteUrl(`/staff/volumes/${n}`), priority: 0.2 })),
  ];
}
