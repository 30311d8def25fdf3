import "server-only";
import { formatDate, formatDateTime } from "@/lib/domain/time";
import { STATUS } from "@/lib/domain/workflow";
import type { PdfIssue } from "@/lib/pdf/issue-pdf";
import { Prisma } from "@/lib/generated/prisma/client";
import { type ArticleDto, toArticleDto } from "./articles";
import { db } from "./db";
import { parseVariants } from "./media";
import { findMediaFile } from "./media-files";
import { getPublication } from "./publication";

/** Volumes (school years) and issues: the queries. Creating them is lib/use-cases/issues. */
export async function listVolumesWithIssues() {
  return db.volume.findMany({
    orderBy: { number: "desc" },
    select: { id: true, number: true, label: true, startsOn: true, endsOn: true, issues: { orderBy: { number: "asc" }, select: { id: true, number: true, slug: true, title: true, publishedOn: true, _count: { select: { articles: true } } } } },
  });
}

/** Public: issues that have been published and hold at least one published story. */
export async function listPublicIssues() {
  return db.issue.findMany({
    where: { publishedOn: { not: null }, articles: { some: { status: STATUS.PUBLISHED } } },
    orderBy: [{ publishedOn: "desc" }],
    select: { slug: true, number: true, title: true, publishedOn: true, volume: { select: { number: true, label: true } }, _count: { select: { articles: { where: { status: STATUS.PUBLISHED } } } } },
  });
}

export async function findPublicIssue({ slug }: { slug: string }) {
  const issue = await db.issue.findFirst({
    where: { slug, publishedOn: { not: null } },
    select: { id: true, slug: true, number: true, title: true, publishedOn: true, volume: { select: { number: true, label: true } } },
  });
  if (!issue) return null;
  const pub = await getPublication();
  const rows = await db.article.findMany({
    where: { issueId: issue.id, status: STATUS.PUBLISHED },
    orderBy: [{ section: { position: "asc" } }, { publishedAt: "asc" }],
    include: {
      section: { select: { id: true, name: true, slug: true } },
      tags: { select: { tag: { select: { name: true, slug: true } } } },
      assignees: { select: { role: true, user: { select: { id: true, personId: true } } } },
      leadImage: { select: { id: true, alt: true, caption: true, credit: true, variants: true, width: true, height: true } },
      authors: { orderBy: { position: "asc" }, select: { person: { select: { id: true, slug: true, fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true } } } },
    },
  });
  if (rows.length === 0) return null;
  return { issue, articles: rows.map((r) => toArticleDto(r, pub)), bodies: new Map(rows.map((r) => [r.id, r.bodyText])), variants: new Map(rows.map((r) => [r.id, r.leadImage ? parseVariants(r.leadImage.variants) : []])) };
}

/** The data for an issue's PDF: every published story with byline, image, caption and credit. */
export async function buildIssuePdfData({ slug }: { slug: string }): Promise<PdfIssue | null> {
  const found = await findPublicIssue({ slug });
  if (!found) return null;
  const pub = await getPublication();
  const corrections = await db.correction.findMany({ where: { articleId: { in: found.articles.map((a) => a.id) } }, orderBy: { createdAt: "asc" } });
  return {
    publication: pub.name,
    tagline: pub.tagline,
    volumeLabel: found.issue.volume.label,
    title: found.issue.title,
    date: found.issue.publishedOn ? formatDate(found.issue.publishedOn, pub.timeZone) : "",
    stories: await Promise.all(found.articles.map(async (a: ArticleDto) => {
      const jpeg = (found.variants.get(a.id) ?? []).filter((v) => v.format === "jpeg").sort((x, y) => y.width - x.width)[0];
      const data = jpeg ? await findMediaFile(jpeg.key) : null;
      return {
        headline: a.headline,
        dek: a.dek,
        section: a.section?.name ?? null,
        byline: a.authors.map((p) => (p.detail ? `${p.name} / ${p.detail}` : p.name)).join(", "),
        published: a.publishedAt ? formatDateTime(new Date(a.publishedAt), pub.timeZone) : "",
        paragraphs: (found.bodies.get(a.id) ?? "").split(/\n{2,}/).filter(Boolean),
        image: a.leadImage && jpeg && data ? { data, caption: a.leadImage.caption, credit: a.leadImage.credit, alt: a.leadImage.alt } : null,
        corrections: corrections.filter((c) => c.articleId === a.id).map((c) => `${c.kind === "CORRECTION" ? "Correction" : "Editor's note"} (${formatDate(c.createdAt, pub.timeZone)}): ${c.body}`),
      };
    })),
  };
}

/** Which issue a published story ran in, for its page. */
/** The published issue a story ran in, or null: one plain statement by keys, since every story page asks. */
export async function findIssueOfArticle({ articleId }: { articleId: string }): Promise<{ slug: string; title: string; publishedOn: Date; volume: { label: string } } | null> {
  const [row] = await db.$queryRaw<{ slug: string; title: string; publishedOn: Date | string | number | null; label: string }[]>(
    Prisma.sql`SELECT i."slug", i."title", i."publishedOn", v."label" FROM "Article" a JOIN "Issue" i ON i."id" = a."issueId" JOIN "Volume" v ON v."id" = i."volumeId" WHERE a."id" = ${articleId}`,
  );
  return row && row.publishedOn !== null ? { slug: row.slug, title: row.title, publishedOn: new Date(row.publishedOn), volume: { label: row.label } } : null;
}

