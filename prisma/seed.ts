/**
 * The demo newsroom: "The Masthead Gazette". Idempotent: every row is found by a natural key
 * (email, slug, section name) and created only when missing, so loading it twice changes nothing.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "../lib/config";
import { graduationYearForGrade } from "../lib/domain/byline";
import { isPublic, isScheduled, PUBLIC_STATUSES, STATUS } from "../lib/domain/workflow";
import { paragraphsToHtml, renderBodyFromHtml } from "../lib/editor/render";
import { Prisma, PrismaClient } from "../lib/generated/prisma/client";
import { mediaRoot, processImage, storeRenditions } from "../lib/media/process";
import type { ArticleStatus, Role } from "../lib/generated/prisma/enums";
import { DEMO_CURRENT_VOLUME, demoFoundingYear, demoGraduate, demoVolume, demoVolumeNumberAt } from "./demo/calendar";

export const DEMO_PASSWORD = "masthead-demo";
export const DEMO_ACCOUNTS = [
  { email: "adviser@demo.test", role: "ADVISER", fullName: "Hana Park", slug: "hana-park", title: "Faculty adviser", grade: null },
  { email: "editor@demo.test", role: "EDITOR", fullName: "Minji Kim", slug: "minji-kim", title: null, grade: 12 },
  { email: "writer@demo.test", role: "WRITER", fullName: "Jaehoon Song", slug: "jaehoon-song", title: null, grade: 11 },
  { email: "writer2@demo.test", role: "WRITER", fullName: "Seo-yeon Lee", slug: "seo-yeon-lee", title: null, grade: 10 },
] as const satisfies readonly { email: string; role: Role; fullName: string; slug: string; title: string | null; grade: number | null }[];

const SECTIONS = ["News", "World", "Opinion", "Sports", "Features", "Arts"];

type Email = (typeof DEMO_ACCOUNTS)[number]["email"];
type DemoStory = {
  slug: string;
  headline: string;
  dek: string;
  section: string;
  author: Email;
  status: ArticleStatus;
  body: string;
  publishedAt?: string;
  /** For SCHEDULED: days after loading the demo. */
  publishInDays?: number;
  history: { action: string; by: Email; from: ArticleStatus; to: ArticleStatus; note?: string }[];
};

/** The Aleppo story's front matter and paragraphs, from prisma/demo/aleppo.md. */
export function readAleppo() {
  const raw = readFileSync(fileURLToPath(new URL("./demo/aleppo.md", import.meta.url)), "utf8");
  const [, front = "", body = ""] = raw.split(/^---\s*$/m);
  const field = (name: string) => new RegExp(`^${name}:\\s*"?(.*?)"?\\s*$`, "m").exec(front)?.[1] ?? "";
  const nested = (name: string) => new RegExp(`^\\s+${name}:\\s*"?(.*?)"?\\s*$`, "m").exec(front)?.[1] ?? "";
  return {
    title: field("title"),
    section: field("section"),
    author: field("author"),
    grade: field("grade"),
    school: field("school"),
    imageDescription: nested("description"),
    imageCredit: nested("credit"),
    body: body.trim(),
  };
}

const EDITORIAL_PATH = (by: Email, publishNote?: string) =>
  [
    { action: "submit", by, from: STATUS.DRAFT, to: STATUS.SUBMITTED },
    { action: "approve", by: "adviser@demo.test", from: STATUS.SUBMITTED, to: STATUS.APPROVED },
    { action: "publish", by: "adviser@demo.test", from: STATUS.APPROVED, to: STATUS.PUBLISHED, note: publishNote },
  ] as DemoStory["history"];

function stories(): DemoStory[] {
  const aleppo = readAleppo();
  return [
    {
      slug: "syrian-insurgents-enter-aleppo",
      headline: aleppo.title,
      dek: "Opposition forces reach the city three days after a surprise offensive, the first attack on Aleppo since 2016.",
      section: aleppo.section,
      author: "writer@demo.test",
      status: STATUS.PUBLISHED,
      body: aleppo.body,
      publishedAt: "2024-11-30T10:00:00+09:00",
      history: EDITORIAL_PATH("writer@demo.test"),
    },
    {
      slug: "library-extends-hours-for-exam-season",
      headline: "Library extends hours for exam season",
      dek: "The school library will stay open until 9 p.m. on weekdays through the end of December.",
      section: "News",
      author: "writer2@demo.test",
      status: STATUS.PUBLISHED,
      publishedAt: "2024-11-28T08:30:00+09:00",
      body: "The school library will stay open until 9 p.m. on weekdays from Monday until the winter break, the librarian announced on Tuesday.\n\nStudents in Grades 11 and 12 asked for the change in a petition signed by more than 140 students, saying boarding houses were too noisy for revision.\n\n“We want the library to be the calmest room on campus when it matters most,” the librarian said. Two teachers will supervise each evening on a rota.",
      history: EDITORIAL_PATH("writer2@demo.test"),
    },
    {
      slug: "girls-football-reaches-island-final",
      headline: "Girls' football team reaches the island final",
      dek: "A late header sends the varsity side to its first final in five years.",
      section: "Sports",
      author: "editor@demo.test",
      status: STATUS.PUBLISHED,
      publishedAt: "2024-11-26T17:00:00+09:00",
      body: "The varsity girls' football team beat its rival 2–1 on Saturday to reach the island championship final for the first time in five years.\n\nA header from a Grade 10 midfielder in the 78th minute decided the semi-final, played in heavy rain before about 300 spectators.\n\nThe final is on 7 December at the island sports complex. Buses leave school at 1 p.m.",
      history: EDITORIAL_PATH("editor@demo.test"),
    },
    {
      slug: "a-later-start-would-help-us-learn",
      headline: "A later start to the school day would help us learn",
      dek: "Teenagers' sleep patterns are not a discipline problem. The timetable should follow the evidence.",
      section: "Opinion",
      author: "writer2@demo.test",
      status: STATUS.PUBLISHED,
      publishedAt: "2024-11-22T07:00:00+09:00",
      body: "Every morning, first period begins with a room of students fighting to stay awake. This is not laziness; it is biology.\n\nSleep researchers have found for decades that adolescents' body clocks shift later during puberty. Schools that have moved their start times later report better attendance and fewer car accidents among student drivers.\n\nOur school should run a one-term trial of an 8:50 a.m. start and publish the results. If it does not help, we will have lost nothing but an excuse.",
      history: EDITORIAL_PATH("writer2@demo.test"),
    },
    {
      slug: "winter-concert-fills-the-auditorium",
      headline: "Winter concert fills the auditorium",
      dek: "Orchestra, choir and jazz band share the stage for the first time.",
      section: "Arts",
      author: "writer@demo.test",
      status: STATUS.PUBLISHED,
      publishedAt: "2024-11-20T20:00:00+09:00",
      body: "More than 400 students, parents and teachers filled the auditorium on Thursday for the winter concert, the first to bring the orchestra, choir and jazz band together.\n\nThe evening closed with a joint arrangement of a Korean folk song, written by two Grade 12 students.",
      history: EDITORIAL_PATH("writer@demo.test"),
    },
    {
      slug: "the-night-shift",
      headline: "The night shift: meet the people who keep the school running",
      dek: "",
      section: "Features",
      author: "writer@demo.test",
      status: STATUS.DRAFT,
      body: "When the last boarding students turn off their lights, a team of six begins its work.\n\nNotes: interview the head custodian on Thursday; ask about the typhoon last September.",
      history: [],
    },
    {
      slug: "student-council-proposes-phone-free-lunch",
      headline: "Student council proposes phone-free lunch",
      dek: "A vote on the proposal is set for next week.",
      section: "News",
      author: "writer2@demo.test",
      status: STATUS.SUBMITTED,
      body: "The student council will vote next week on a proposal to make the dining hall phone-free at lunch.\n\nSupporters say the rule would make lunch more social; opponents say students use their phones to check clubs and schedules.",
      history: [{ action: "submit", by: "writer2@demo.test", from: STATUS.DRAFT, to: STATUS.SUBMITTED }],
    },
    {
      slug: "cafeteria-waste-by-the-numbers",
      headline: "Cafeteria waste, by the numbers",
      dek: "How much food does the school throw away each week?",
      section: "Features",
      author: "writer@demo.test",
      status: STATUS.CHANGES_REQUESTED,
      body: "The cafeteria throws away about 90 kilograms of food every week, according to figures shared by the catering manager.\n\nStudents say portions are too large.",
      history: [
        { action: "submit", by: "writer@demo.test", from: STATUS.DRAFT, to: STATUS.SUBMITTED },
        {
          action: "request_changes",
          by: "adviser@demo.test",
          from: STATUS.SUBMITTED,
          to: STATUS.CHANGES_REQUESTED,
          note: "Good start. Who are the students who say portions are too large? Name at least two sources, and ask the catering manager how the 90 kg was measured.",
        },
      ],
    },
    {
      slug: "swim-team-sets-three-school-records",
      headline: "Swim team sets three school records",
      dek: "",
      section: "Sports",
      author: "writer2@demo.test",
      status: STATUS.APPROVED,
      body: "The swim team broke three school records at the regional meet on Saturday, in the 100 m butterfly, the 200 m individual medley and the 4 × 100 m freestyle relay.",
      history: [
        { action: "submit", by: "writer2@demo.test", from: STATUS.DRAFT, to: STATUS.SUBMITTED },
        { action: "approve", by: "editor@demo.test", from: STATUS.SUBMITTED, to: STATUS.APPROVED },
      ],
    },
    {
      slug: "art-students-open-winter-exhibition",
      headline: "Art students open winter exhibition",
      dek: "Forty works by IB Visual Arts students go on show in the gallery.",
      section: "Arts",
      author: "editor@demo.test",
      status: STATUS.SCHEDULED,
      publishInDays: 14,
      body: "Forty paintings, prints and sculptures by IB Visual Arts students go on show in the school gallery this week.\n\nThe exhibition is open to families every afternoon until the end of term.",
      history: [
        { action: "submit", by: "editor@demo.test", from: STATUS.DRAFT, to: STATUS.SUBMITTED },
        { action: "approve", by: "adviser@demo.test", from: STATUS.SUBMITTED, to: STATUS.APPROVED },
        { action: "publish", by: "adviser@demo.test", from: STATUS.APPROVED, to: STATUS.SCHEDULED },
      ],
    },
    {
      slug: "rumoured-uniform-change",
      headline: "School to drop blazers next year, students say",
      dek: "",
      section: "News",
      author: "writer@demo.test",
      status: STATUS.UNPUBLISHED,
      publishedAt: "2024-11-18T09:00:00+09:00",
      body: "Several students say the school will drop blazers from the uniform next year.",
      history: [
        ...EDITORIAL_PATH("writer@demo.test"),
        {
          action: "unpublish",
          by: "adviser@demo.test",
          from: STATUS.PUBLISHED,
          to: STATUS.UNPUBLISHED,
          note: "The school has not confirmed this; the story relied on unnamed students only. Unpublished until we have an on-record source.",
        },
      ],
    },
  ];
}

/**
 * Load the demo newsroom. Its volumes and its students' grades are relative to `now` (Volume 14
 * is the current school year, prisma/demo/calendar.ts); rows that exist already are left alone.
 */
export async function seedDemo({ log = console.log, now = new Date() }: { log?: (line: string) => void; now?: Date } = {}) {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });
  try {
    const { schoolYearStartMonth: startMonth } = await db.publication.upsert({
      where: { id: 1 },
      update: {},
      create: { id: 1, name: "The Masthead Gazette", tagline: `Student news from Jeju since ${demoFoundingYear({ now })}`, timeZone: "Asia/Seoul" },
      select: { schoolYearStartMonth: true },
    });
    const when = { now, startMonth };
    // By number, created only when missing: a volume that exists (the adviser's, or an earlier load's) is never rewritten.
    const upsertVolume = (number: number) => {
      const { label, startsOn, endsOn } = demoVolume(number, when);
      return db.volume.upsert({ where: { number }, update: {}, create: { number, label, startsOn, endsOn } });
    };
    const sectionIds = new Map<string, string>();
    for (const [position, name] of SECTIONS.entries()) {
      const slug = name.toLowerCase();
      const section = await db.section.upsert({ where: { slug }, update: {}, create: { name, slug, position } });
      sectionIds.set(name, section.id);
    }
    const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const users = new Map<string, { id: string; personId: string }>();
    for (const account of DEMO_ACCOUNTS) {
      const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true, personId: true } });
      if (existing) {
        users.set(account.email, existing);
        continue;
      }
      const person = await db.person.upsert({
        where: { slug: account.slug },
        update: {},
        create: {
          slug: account.slug,
          fullName: account.fullName,
          title: account.title,
          graduationYear: account.grade === null ? null : graduationYearForGrade(account.grade, now, startMonth),
          bio: account.grade === null ? "Faculty adviser to the Gazette." : `${account.fullName} writes for the Gazette.`,
        },
      });
      const user = await db.user.create({
        data: { email: account.email, passwordHash, role: account.role, personId: person.id },
        select: { id: true, personId: true },
      });
      users.set(account.email, user);
    }

    const mapId = await seedAleppoMap(db, users.get("writer@demo.test")!.id);
    const volume = await upsertVolume(DEMO_CURRENT_VOLUME);
    await seedMastheads(db, { current: volume.id, previous: (await upsertVolume(DEMO_CURRENT_VOLUME - 1)).id, passwordHash, when });
    // The published stories are dated (the Aleppo offensive was in November 2024), so their issue
    // belongs to the volume of that school year, whichever number that is today. It is found by
    // title and date, so a load in a later school year finds it where the first load put it.
    const demoIssue = { number: 3, title: "December 2024", publishedOn: new Date("2024-12-02T00:00:00+09:00") };
    let issue = await db.issue.findFirst({ where: { title: demoIssue.title, publishedOn: demoIssue.publishedOn }, select: { id: true } });
    if (!issue) {
      const issueVolume = await upsertVolume(demoVolumeNumberAt(demoIssue.publishedOn, when));
      const slug = `volume-${issueVolume.number}-issue-${demoIssue.number}`;
      issue = await db.issue.create({ data: { ...demoIssue, volumeId: issueVolume.id, slug }, select: { id: true } });
    }
    let created = 0;
    for (const story of stories()) {
      if (await db.article.findUnique({ where: { slug: story.slug }, select: { id: true } })) continue;
      const author = users.get(story.author)!;
      const body = renderBodyFromHtml(paragraphsToHtml(story.body));
      const publishedAt = story.publishedAt ? new Date(story.publishedAt) : null;
      const publishAt = story.publishInDays ? new Date(now.getTime() + story.publishInDays * 86_400_000) : null;
      const base = publishedAt ?? now;
      const article = await db.article.create({
        data: {
          slug: story.slug,
          headline: story.headline,
          dek: story.dek,
          bodyJson: JSON.stringify(body.json),
          bodyHtml: body.html,
          bodyText: body.text,
          wordCount: body.wordCount,
          status: story.status,
          sectionId: sectionIds.get(story.section) ?? null,
          createdById: author.id,
          leadImageId: story.slug === "syrian-insurgents-enter-aleppo" ? mapId : null,
          issueId: isPublic(story.status) ? issue.id : null,
          tags: story.slug === "syrian-insurgents-enter-aleppo" ? { create: await tagRows(db, ["Syria", "Middle East"]) } : undefined,
          publishedAt,
          publishAt,
          createdAt: new Date(base.getTime() - 3 * 86_400_000),
          authors: { create: [{ personId: author.personId, position: 0 }] },
        },
      });
      await db.revision.create({
        data: { articleId: article.id, authorId: author.id, version: 1, headline: article.headline, dek: article.dek, bodyJson: article.bodyJson, bodyText: article.bodyText, event: "create", createdAt: article.createdAt },
      });
      for (const [i, step] of story.history.entries()) {
        const at = new Date(base.getTime() - (story.history.length - 1 - i) * 3_600_000);
        await db.transition.create({
          data: {
            articleId: article.id,
            actorId: users.get(step.by)!.id,
            action: step.action,
            fromStatus: step.from,
            toStatus: step.to,
            note: step.note ?? "",
            publishAt: isScheduled(step.to) ? publishAt : null,
            createdAt: step.action === "publish" && publishedAt ? publishedAt : at,
          },
        });
      }
      created++;
    }
    // The search index holds exactly the published stories.
    await db.$executeRaw`DELETE FROM "ArticleSearch"`;
    await db.$executeRaw`INSERT INTO "ArticleSearch" ("articleId", "headline", "dek", "body") SELECT "id", "headline", "dek", "bodyText" FROM "Article" WHERE "status" IN (${Prisma.join([...PUBLIC_STATUSES])}) AND "noindex" = 0`;
    log(`Demo newsroom ready: ${created} stories added, ${DEMO_ACCOUNTS.length} accounts (password "${DEMO_PASSWORD}").`);
  } finally {
    await db.$disconnect();
  }
}

/**
 * The mastheads of Volume 14 (the current school year) and Volume 13 (the year before, with a
 * graduate). A volume's masthead is seeded only while it has no entries, so edits made in the
 * newsroom survive a second load and a second load adds nothing.
 */
async function seedMastheads(
  db: PrismaClient,
  { current, previous, passwordHash, when }: { current: string; previous: string; passwordHash: string; when: { now: Date; startMonth: number } },
) {
  const graduate = demoGraduate(when);
  const graduateRow = await db.person.upsert({
    where: { slug: graduate.slug },
    update: {},
    create: {
      slug: graduate.slug,
      fullName: graduate.fullName,
      graduationYear: graduate.graduationYear,
      bio: `${graduate.fullName} was editor-in-chief of the Gazette in ${graduate.volume.schoolYear}.`,
    },
  });
  if (!(await db.user.findUnique({ where: { email: graduate.email }, select: { id: true } }))) {
    await db.user.create({ data: { email: graduate.email, passwordHash, role: "EDITOR", active: false, personId: graduateRow.id } });
  }
  const person = async (slug: string) => (await db.person.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  const mastheads: { volumeId: string; entries: [slug: string, position: string][] }[] = [
    {
      volumeId: current,
      entries: [
        ["minji-kim", "Editor-in-Chief"],
        ["jaehoon-song", "Staff Writer"],
        ["seo-yeon-lee", "Staff Writer"],
        ["hana-park", "Faculty Adviser"],
      ],
    },
    {
      volumeId: previous,
      entries: [
        [graduate.slug, "Editor-in-Chief"],
        ["minji-kim", "Staff Writer"],
        ["hana-park", "Faculty Adviser"],
      ],
    },
  ];
  for (const { volumeId, entries } of mastheads) {
    if ((await db.mastheadEntry.count({ where: { volumeId } })) > 0) continue;
    for (const [rank, [slug, position]] of entries.entries()) {
      await db.mastheadEntry.create({ data: { volumeId, personId: await person(slug), position, rank } });
    }
  }
}

const MAP_ID = "aleppomap0demo";

/** The Aleppo story's lead image: prisma/demo/syria-map.svg through the real media pipeline. */
async function seedAleppoMap(db: PrismaClient, uploadedById: string): Promise<string> {
  if (await db.media.findUnique({ where: { id: MAP_ID }, select: { id: true } })) return MAP_ID;
  const aleppo = readAleppo();
  const { default: sharp } = await import("sharp");
  const png = await sharp(fileURLToPath(new URL("./demo/syria-map.svg", import.meta.url))).png().toBuffer();
  const image = await processImage(png);
  const storageKey = `${MAP_ID.slice(0, 2)}/${MAP_ID}`;
  const { rmSync } = await import("node:fs");
  rmSync(`${mediaRoot()}/${storageKey}`, { recursive: true, force: true });
  const variants = await storeRenditions({ root: mediaRoot(), storageKey, renditions: image.renditions });
  await db.media.create({
    data: {
      id: MAP_ID,
      storageKey,
      originalName: "syria-map.png",
      mimeType: image.mimeType,
      width: image.width,
      height: image.height,
      bytes: png.length,
      alt: aleppo.imageDescription,
      caption: "Aleppo, in northern Syria, near the Turkish border and the opposition-held province of Idlib.",
      credit: aleppo.imageCredit,
      variants: JSON.stringify(variants),
      uploadedById,
    },
  });
  return MAP_ID;
}

async function tagRows(db: PrismaClient, names: string[]) {
  const rows = [];
  for (const name of names) {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const tag = await db.tag.upsert({ where: { slug }, update: {}, create: { name, slug } });
    rows.push({ tagId: tag.id });
  }
  return rows;
}

// Last, so that every constant above is initialised before the seed runs (npm run db:seed).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await seedDemo();
}
