/**
 * `npm run bench -- --archive <n>`: load n published stories into a migrated bench database,
 * the way 30 school years of a paper look: 400 bylines (each a student for about four years),
 * 60 tags used Zipf-wise, the demo's sections, text drawn from a Zipf vocabulary, and the FTS5
 * rows exactly as lib/data/search.ts writes them (articleId, headline, dek, bodyText).
 *
 * better-sqlite3 directly, one transaction, prepared statements: 100,000 stories take well
 * under a minute. Byline and tag rows get their listedAt from the database's own triggers
 * (migration 20261202080000_indexes), as they do when the app writes.
 *
 * One word, SEARCH_WORD, is planted in exactly one story in ten, for the search measurement.
 *
 * PHOTO_SHARE of the stories lead with a photo: one of the bench database's own Media records
 * (the demo's photos, with the renditions the demo load stored the way the app does, in
 * MediaFile by default), so archive cards are measured with their images.
 */
import Database from "better-sqlite3";
import { STATUS } from "../../lib/domain/workflow";

export const SEARCH_WORD = "lighthouse";
export const ARCHIVE_BYLINES = 400;
export const ARCHIVE_TAGS = 60;
export const ARCHIVE_YEARS = 30;
export const PHOTO_SHARE = 0.6;

export type ArchiveSummary = {
  stories: number;
  /** How many of them lead with a photo. */
  withPhoto: number;
  seconds: number;
  storySlugs: string[];
  sections: { slug: string; stories: number }[];
  tags: { slug: string; stories: number }[];
  authors: { slug: string; stories: number }[];
};

/** A small seeded PRNG (mulberry32): the same archive every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sample ranks 0..n-1 with probability ∝ 1/(rank+1)^s. */
function zipf(n: number, s: number, random: () => number) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SYLLABLES = "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we wi ya yo za ze zo an en in on ar er or al el il ol ex st tr pl gr".split(" ");
const FIRST = "Amara Ben Chloe Dev Elena Farid Grace Hiro Ines Jamal Kira Liam Maya Noor Omar Priya Quinn Rosa Sami Tara Uma Victor Wen Xavier Yara Zane Ada Bruno Cleo Dario Esme Felix Gia Hugo Iris Jonah Kai Lena Milo Nia".split(" ");
const LAST = "Abbott Baptiste Chen Diallo Eriksen Fontaine Garcia Haddad Ito Jensen Kowalski Lindqvist Moreau Nakamura Okafor Patel Quispe Rossi Santos Tanaka Umar Varga Weber Xu Yilmaz Zielinski Alvarez Brennan Costa Dubois".split(" ");
const TAG_WORDS = "budget elections robotics debate theater football basketball soccer swimming chess climate library cafeteria prom graduation homecoming orchestra choir band art science math history music film parking transit housing safety health wellness tennis track volleyball baseball softball esports coding journalism alumni faculty board union protest election council festival exhibition concert poetry fashion food travel technology privacy exams admissions scholarships sustainability gardening".split(" ");

function capitalize(w: string) {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function slugify(text: string) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60).replace(/-$/, "");
}

/** Prisma's SQLite DateTime text form. */
function sqlDate(d: Date) {
  return d.toISOString().replace("Z", "+00:00");
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

export function loadArchive(file: string, count: number, seed = 17): ArchiveSummary {
  const started = performance.now();
  const random = rng(seed);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  // Room for the whole load in memory: a small cache spills the one big transaction's pages to
  // the WAL again and again (gigabytes for 100,000 stories).
  db.pragma("cache_size = -2000000");

  // A Zipf vocabulary of 8,000 pseudo-words (SEARCH_WORD is never one of them).
  const vocabulary: string[] = [];
  const seen = new Set<string>([SEARCH_WORD]);
  while (vocabulary.length < 8000) {
    const n = 1 + Math.floor(random() * 3) + (vocabulary.length > 200 ? 1 : 0);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!seen.has(w) && !w.startsWith(SEARCH_WORD)) {
      seen.add(w);
      vocabulary.push(w);
    }
  }
  const word = zipf(vocabulary.length, 1.07, random);
  const words = (n: number) => Array.from({ length: n }, () => vocabulary[word()]);
  const sentence = (n: number) => {
    const ws = words(n);
    ws[0] = capitalize(ws[0]);
    return ws.join(" ") + ".";
  };

  const sections = db.prepare(`SELECT "id", "slug" FROM "Section" ORDER BY "position", "name"`).all() as { id: string; slug: string }[];
  if (sections.length === 0) throw new Error("the bench database has no sections (prepare the demo first)");
  // The demo's photos: every stored image with renditions. A PRNG of its own, so the rest of the
  // archive (text, dates, bylines, tags) is the same with or without photos.
  const photos = (db.prepare(`SELECT "id" FROM "Media" WHERE "variants" <> '[]' ORDER BY "id"`).all() as { id: string }[]).map((m) => m.id);
  const photoRandom = rng(seed + 1);
  const now = new Date();
  const nowText = sqlDate(now);

  const summary: ArchiveSummary = { stories: count, withPhoto: 0, seconds: 0, storySlugs: [], sections: [], tags: [], authors: [] };
  const sectionCounts = new Map<string, number>();
  const tagCounts = new Map<string, number>();
  const authorCounts = new Map<string, number>();

  db.transaction(() => {
    const insertPerson = db.prepare(`INSERT INTO "Person" ("id", "slug", "fullName", "graduationYear", "bio", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, '', ?, ?)`);
    const insertUser = db.prepare(`INSERT INTO "User" ("id", "email", "passwordHash", "role", "active", "personId", "createdAt", "updatedAt") VALUES (?, ?, '!', 'WRITER', 0, ?, ?, ?)`);
    const insertTag = db.prepare(`INSERT INTO "Tag" ("id", "name", "slug") VALUES (?, ?, ?)`);
    const insertArticle = db.prepare(`INSERT INTO "Article" ("id", "slug", "headline", "dek", "bodyJson", "bodyHtml", "bodyText", "wordCount", "status", "version", "sectionId", "createdById", "noindex", "leadImageId", "publishedAt", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?, ?)`);
    const insertAuthor = db.prepare(`INSERT INTO "ArticleAuthor" ("articleId", "personId", "position") VALUES (?, ?, ?)`);
    const insertArticleTag = db.prepare(`INSERT INTO "ArticleTag" ("articleId", "tagId") VALUES (?, ?)`);
    const insertSearch = db.prepare(`INSERT INTO "ArticleSearch" ("articleId", "headline", "dek", "body") VALUES (?, ?, ?, ?)`);

    // The importer account the archive belongs to (inactive: nobody signs in as it).
    insertPerson.run("archive-importer", "archive-importer", "Archive importer", null, nowText, nowText);
    insertUser.run("archive-importer", "archive-importer@bench.invalid", "archive-importer", nowText, nowText);

    // 400 bylines, cohort by cohort: person p is a student for four years from its cohort's start.
    const firstYear = now.getUTCFullYear() - ARCHIVE_YEARS;
    const people = Array.from({ length: ARCHIVE_BYLINES }, (_, p) => {
      const cohort = Math.floor((p * ARCHIVE_YEARS) / ARCHIVE_BYLINES);
      const name = `${FIRST[p % FIRST.length]} ${LAST[Math.floor(p / FIRST.length) % LAST.length]}`;
      const slug = `${slugify(name)}-${p + 1}`;
      insertPerson.run(`arcp${p.toString(36).padStart(4, "0")}`, slug, name, firstYear + cohort + 4, nowText, nowText);
      return { id: `arcp${p.toString(36).padStart(4, "0")}`, slug, cohort };
    });
    const byCohort = Array.from({ length: ARCHIVE_YEARS }, (_, year) => people.filter((p) => p.cohort <= year && year < p.cohort + 4));

    const tags = Array.from({ length: ARCHIVE_TAGS }, (_, t) => {
      const name = capitalize(TAG_WORDS[t % TAG_WORDS.length]) + (t >= TAG_WORDS.length ? ` ${t}` : "");
      const slug = `${slugify(name)}-archive`;
      const id = `arct${t.toString(36).padStart(3, "0")}`;
      insertTag.run(id, `${name} (archive)`, slug);
      return { id, slug };
    });
    const tagRank = zipf(tags.length, 1.0, random);
    const sectionRank = zipf(sections.length, 0.6, random);

    const span = ARCHIVE_YEARS * 365.25 * 86400_000;
    const start = now.getTime() - span;
    for (let i = 0; i < count; i++) {
      const published = new Date(start + random() * (span - 86400_000));
      const year = Math.min(ARCHIVE_YEARS - 1, Math.floor((published.getTime() - start) / (365.25 * 86400_000)));
      const headlineWords = words(5 + Math.floor(random() * 5));
      const headline = capitalize(headlineWords.join(" "));
      const slug = `${slugify(headline)}-${i.toString(36)}`;
      const dek = sentence(12 + Math.floor(random() * 12));
      const paragraphs = Array.from({ length: 4 + Math.floor(random() * 6) }, () => Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(8 + Math.floor(random() * 14))).join(" "));
      if (i % 10 === 0) paragraphs[Math.floor(random() * paragraphs.length)] += ` The old ${SEARCH_WORD} came up again.`;
      const bodyText = paragraphs.join("\n\n");
      const bodyHtml = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
      const bodyJson = JSON.stringify({ type: "doc", content: paragraphs.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] })) });
      const wordCount = bodyText.split(/\s+/).length;
      const id = `arca${i.toString(36).padStart(6, "0")}${Math.floor(random() * 36 ** 4).toString(36).padStart(4, "0")}`;
      const section = sections[sectionRank()];
      const publishedText = sqlDate(published);
      const leadImageId = photos.length && photoRandom() < PHOTO_SHARE ? photos[Math.floor(photoRandom() * photos.length)] : null;
      if (leadImageId) summary.withPhoto++;
      insertArticle.run(id, slug, headline, dek, bodyJson, bodyHtml, bodyText, wordCount, STATUS.PUBLISHED, section.id, "archive-importer", leadImageId, publishedText, sqlDate(new Date(published.getTime() - 2 * 86400_000)), publishedText);
      const staff = byCohort[year].length ? byCohort[year] : people;
      const bylines = new Set([staff[Math.floor(random() * staff.length)]]);
      if (random() < 0.2) bylines.add(staff[Math.floor(random() * staff.length)]);
      [...bylines].forEach((p, position) => {
        insertAuthor.run(id, p.id, position);
        authorCounts.set(p.slug, (authorCounts.get(p.slug) ?? 0) + 1);
      });
      const storyTags = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => tags[tagRank()]));
      for (const t of storyTags) {
        insertArticleTag.run(id, t.id);
        tagCounts.set(t.slug, (tagCounts.get(t.slug) ?? 0) + 1);
      }
      insertSearch.run(id, headline, dek, bodyText);
      sectionCounts.set(section.slug, (sectionCounts.get(section.slug) ?? 0) + 1);
      summary.storySlugs.push(slug);
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  summary.sections = [...sectionCounts].map(([slug, stories]) => ({ slug, stories }));
  summary.tags = [...tagCounts].map(([slug, stories]) => ({ slug, stories }));
  summary.authors = [...authorCounts].map(([slug, stories]) => ({ slug, stories }));
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  return summary;
}

/** `node --import tsx scripts/lib/archive.ts <db file> <count> <summary.json>`: the bench runs the load beside the build. */
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [file, count, out] = process.argv.slice(2);
  const summary = loadArchive(file, Number(count));
  (await import("node:fs")).writeFileSync(out, JSON.stringify(summary));
}
