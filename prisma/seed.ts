/**
 * The demo newsroom: "The Masthead Gazette". Idempotent: every row is found by a natural key
 * (email, slug, section slug, volume number) and created only when missing, so loading it twice
 * changes nothing.
 *
 * It is made the way the newsroom itself would make it: through the use cases (lib/use-cases),
 * acting as the demo's people under the publication's review policy, so their permission checks
 * and the workflow apply (the writer submits, the adviser approves and publishes) and every row
 * comes out as the app writes it. Dated steps pass their own `now`. The few direct writes are
 * marked: no use case exists for them.
 *
 * The use cases import "server-only": scripts/prepare.ts --demo and npm run db:seed load this file
 * after scripts/lib/allow-server-only.ts, and unit tests alias the package (vitest.config.ts).
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../lib/auth/password";
import type { Actor, Role } from "../lib/auth/policy";
import { db } from "../lib/data/db";
import { getPublication } from "../lib/data/publication";
import { graduationYearForGrade } from "../lib/domain/byline";
import { isPublic, STATUS, type TransitionAction } from "../lib/domain/workflow";
import { paragraphsToHtml } from "../lib/editor/render";
import type { ArticleStatus } from "../lib/generated/prisma/enums";
import { mediaStore, renditionFiles } from "../lib/data/media-files";
import { mediaRoot, processImage, storeRenditions, type Variant, variantsFor } from "../lib/media/process";
import { createFirstAdviser } from "../lib/use-cases/accounts/create-first-adviser";
import { createStaff } from "../lib/use-cases/accounts/create-staff";
import { updateOwnProfile } from "../lib/use-cases/accounts/update-own-profile";
import { updateStaff } from "../lib/use-cases/accounts/update-staff";
import { createArticle } from "../lib/use-cases/articles/create-article";
import { transitionArticle } from "../lib/use-cases/articles/transition-article";
import { updateArticle } from "../lib/use-cases/articles/update-article";
import { applyAfterCommit, persistEffects } from "../lib/use-cases/effects";
import { createIssue } from "../lib/use-cases/issues/create-issue";
import { createVolume } from "../lib/use-cases/issues/create-volume";
import { setArticleIssue } from "../lib/use-cases/issues/set-article-issue";
import { addMastheadEntry } from "../lib/use-cases/masthead/add-masthead-entry";
import { recordStoredMedia } from "../lib/use-cases/media/record-stored-media";
import { updatePublicationSettings } from "../lib/use-cases/settings/update-publication-settings";
import type { Outcome, Tx } from "../lib/use-cases/transaction";
import { DEMO_CURRENT_VOLUME, demoFoundingYear, demoGraduate, demoVolume, demoVolumeNumberAt } from "./demo/calendar";

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo/accounts";
import { DEMO_PHOTO_CREDIT, DEMO_PHOTOS } from "./demo/photos";

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

const PUBLICATION = { name: "The Masthead Gazette", timeZone: "Asia/Seoul" };
const SECTIONS = ["News", "World", "Opinion", "Sports", "Features", "Arts"];

type Email = (typeof DEMO_ACCOUNTS)[number]["email"];
type DemoStory = {
  slug: string;
  headline: string;
  dek: string;
  section: string;
  author: Email;
  /** Where its history leaves it. */
  status: ArticleStatus;
  body: string;
  publishedAt?: string;
  /** For SCHEDULED: days after loading the demo. */
  publishInDays?: number;
  /** Who moved it, in order; the workflow decides each step's statuses and the seed checks where it ends. */
  history: { action: TransitionAction; by: Email; note?: string }[];
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

const EDITORIAL_PATH = (by: Email, publishNote?: string): DemoStory["history"] => [
    { action: "submit", by },
    { action: "approve", by: "adviser@demo.test" },
    { action: "publish", by: "adviser@demo.test", note: publishNote },
];


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
      history: [{ action: "submit", by: "writer2@demo.test" }],
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
        { action: "submit", by: "writer@demo.test" },
        {
          action: "request_changes",
          by: "adviser@demo.test",
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
        { action: "submit", by: "writer2@demo.test" },
        { action: "approve", by: "editor@demo.test" },
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
        { action: "submit", by: "editor@demo.test" },
        { action: "approve", by: "adviser@demo.test" },
        { action: "publish", by: "adviser@demo.test" },
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
          note: "The school has not confirmed this; the story relied on unnamed students only. Unpublished until we have an on-record source.",
        },
      ],
    },
  ];
}


const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ALEPPO_SLUG = "syrian-insurgents-enter-aleppo";
const MAP_ID = "aleppomap0demo";
/**
 * The demo's print issue. Its date is a calendar day, as the issue form stores it (midnight UTC);
 * a demo loaded by an earlier seed stored it as midnight in Seoul (15:00 UTC the day before), so
 * it is found by title within that span.
 */
const DEMO_ISSUE = { number: 3, title: "December 2024", publishedOn: "2024-12-02", storedSince: new Date("2024-12-01T00:00:00Z") };

type Account = { userId: string; personId: string; role: Role };

/**
 * Run one use case in a transaction of the seed's and keep what it wrote and its audit rows, but
 * deliver none of its notices: the demo's history happened before anyone signed in, and its
 * people start with empty inboxes. (`tx` hands the effects to the caller: transaction.ts.)
 */
async function replay<T>(work: (tx: Tx) => Promise<Outcome<T>>): Promise<T> {
  const done = await db.$transaction(async (tx) => {
    const result = await work(tx);
    await persistEffects(tx, { ...result.effects, notify: [] });
    return result;
  });
  await applyAfterCommit(done.effects);
  return done.data;
}

async function findAccount(email: string): Promise<Account | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, personId: true, role: true } });
  return user && { userId: user.id, personId: user.personId, role: user.role };
}

/**
 * Load the demo newsroom. Its volumes and its students' grades are relative to `now` (Volume 14
 * is the current school year, prisma/demo/calendar.ts); rows that exist already are left alone.
 */
export async function seedDemo({ log = console.log, now = new Date() }: { log?: (line: string) => void; now?: Date } = {}) {
  const accounts = await seedAccounts(now);
  const { reviewPolicy, schoolYearStartMonth: startMonth } = await getPublication();
  const people = new Map<Email, Actor>([...accounts].map(([email, a]) => [email, { ...a, reviewPolicy }]));
  const adviser = people.get("adviser@demo.test")!;
  const when = { now, startMonth };

  // Sections have no use case: the app has no screen or API that makes one yet, so the demo
  // writes them directly, by slug and only when missing.
  for (const [position, name] of SECTIONS.entries()) {
    const slug = name.toLowerCase();
    await db.section.upsert({ where: { slug }, update: {}, create: { name, slug, position } });
  }

  await seedGraduate(adviser, when);
  const mapId = await seedAleppoMap(people.get("writer@demo.test")!);
  const leadImages = new Map([[ALEPPO_SLUG, mapId], ...(await seedDemoPhotos(people.get("editor@demo.test")!))]);
  // By number, created only when missing: a volume that exists (the adviser's, or an earlier load's) is never rewritten.
  const volume = async (number: number) => {
    const found = await db.volume.findUnique({ where: { number }, select: { id: true } });
    if (found) return found.id;
    const { label, startsOn, endsOn } = demoVolume(number, when);
    return (await replay((tx) => createVolume({ actor: adviser, input: { number, label, startsOn, endsOn }, tx, now }))).id;
  };
  await seedMastheads(adviser, { current: await volume(DEMO_CURRENT_VOLUME), previous: await volume(DEMO_CURRENT_VOLUME - 1), now });
  // The published stories are dated (the Aleppo offensive was in November 2024), so their issue
  // belongs to the volume of that school year, whichever number that is today. It is found by
  // title and date, so a load in a later school year finds it where the first load put it.
  const publishedOn = new Date(`${DEMO_ISSUE.publishedOn}T00:00:00Z`);
  let issueId = (await db.issue.findFirst({ where: { title: DEMO_ISSUE.title, publishedOn: { gte: DEMO_ISSUE.storedSince, lte: publishedOn } }, select: { id: true } }))?.id;
  if (!issueId) {
    const volumeId = await volume(demoVolumeNumberAt(publishedOn, when));
    const { number, title } = DEMO_ISSUE;
    issueId = (await replay((tx) => createIssue({ actor: adviser, input: { volumeId, number, title, publishedOn: DEMO_ISSUE.publishedOn }, tx, now }))).id;
  }

  let created = 0;
  for (const story of stories()) {
    if (await db.article.findUnique({ where: { slug: story.slug }, select: { id: true } })) continue;
    await seedStory(story, { people, adviser, leadImages, issueId, now });
    created++;
  }
  log(`Demo newsroom ready: ${created} stories added, ${DEMO_ACCOUNTS.length} accounts (password "${DEMO_PASSWORD}").`);
}

/**
 * The demo's accounts, created only when their email is missing. In an empty newsroom the adviser
 * sets it up as /setup would (the publication, then its tagline in the settings); the adviser then
 * adds the students, who fill in their own profiles.
 */
async function seedAccounts(now: Date): Promise<Map<Email, Account>> {
  const accounts = new Map<Email, Account>();
  const [first, ...students] = DEMO_ACCOUNTS;
  let adviser = await findAccount(first.email);
  if (!adviser) {
    if ((await db.user.count()) === 0) {
      await replay((tx) =>
        createFirstAdviser({ input: { publicationName: PUBLICATION.name, timeZone: PUBLICATION.timeZone, fullName: first.fullName, email: first.email, password: throwawayPassword() }, tx, now }),
      );
      adviser = (await findAccount(first.email))!;
      await giveDemoPassword(adviser);
      const { reviewPolicy, nameDisplayDefault } = await getPublication();
      const tagline = `Student news from Jeju since ${demoFoundingYear({ now })}`;
      await replay((tx) =>
        updatePublicationSettings({ actor: { ...adviser!, reviewPolicy }, input: { ...PUBLICATION, tagline, reviewPolicy, nameDisplayDefault }, tx, now }),
      );
    } else {
      // A newsroom with its own staff: one of its faculty adds the demo's adviser.
      const faculty = await db.user.findFirst({ where: { active: true, role: { in: ["ADVISER", "ADMIN"] } }, orderBy: { createdAt: "asc" }, select: { id: true, personId: true, role: true } });
      if (!faculty) throw new Error("The demo needs an empty newsroom or an active adviser or administrator to add its people.");
      const actor = { userId: faculty.id, personId: faculty.personId, role: faculty.role, reviewPolicy: (await getPublication()).reviewPolicy };
      adviser = await addStaff(actor, first, null, now);
    }
    await fillInProfile(adviser, first, now);
  }
  accounts.set(first.email, adviser);
  const { reviewPolicy, schoolYearStartMonth } = await getPublication();
  for (const account of students) {
    let found = await findAccount(account.email);
    if (!found) {
      found = await addStaff({ ...adviser, reviewPolicy }, account, graduationYearForGrade(account.grade, now, schoolYearStartMonth), now);
      await fillInProfile(found, account, now);
    }
    accounts.set(account.email, found);
  }
  return accounts;
}

async function addStaff(actor: Actor, account: { email: string; role: Role; fullName: string }, graduationYear: number | null, now: Date): Promise<Account> {
  const { email, role, fullName } = account;
  await replay((tx) => createStaff({ actor, input: { fullName, email, role, password: throwawayPassword(), graduationYear }, tx, now }));
  const added = (await findAccount(email))!;
  await giveDemoPassword(added);
  return added;
}

/**
 * The demo's password is public, so the password rules refuse it (lib/auth/common-passwords.ts),
 * as they should for every real account. A demo account is therefore made with a random password
 * and then given the demo's: a direct write, and the one place a refused password is set.
 */
function throwawayPassword(): string {
  return randomBytes(18).toString("base64url");
}

let demoPasswordHash: Promise<string> | null = null;
async function giveDemoPassword(account: Account) {
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD);
  await db.user.update({ where: { id: account.userId }, data: { passwordHash: await demoPasswordHash } });
}

/** A new account's bio, written by its owner; and the adviser's title, which no use case edits. */
async function fillInProfile(account: Account, details: { fullName: string; title: string | null; grade: number | null }, now: Date) {
  const bio = details.grade === null ? "Faculty adviser to the Gazette." : `${details.fullName} writes for the Gazette.`;
  const { reviewPolicy } = await getPublication();
  await replay((tx) => updateOwnProfile({ actor: { ...account, reviewPolicy }, input: { bio, nameDisplay: null, penName: null }, tx, now }));
  // Accounts are made with the title "Adviser" (or none), and no screen changes it: a direct write.
  if (details.title !== null) await db.person.update({ where: { id: account.personId }, data: { title: details.title } });
}

/**
 * Yuna Choi edited the Gazette in Volume 13 and has graduated: the adviser added her, she wrote
 * her bio, and the adviser deactivated her login when she left (her byline and masthead stay).
 */
async function seedGraduate(adviser: Actor, when: { now: Date; startMonth: number }) {
  const graduate = demoGraduate(when);
  if (await findAccount(graduate.email)) return;
  const { now } = when;
  const account = await addStaff(adviser, { email: graduate.email, role: "EDITOR", fullName: graduate.fullName }, graduate.graduationYear, now);
  const bio = `${graduate.fullName} was editor-in-chief of the Gazette in ${graduate.volume.schoolYear}.`;
  await replay((tx) => updateOwnProfile({ actor: { ...account, reviewPolicy: adviser.reviewPolicy }, input: { bio, nameDisplay: null, penName: null }, tx, now }));
  await replay((tx) => updateStaff({ actor: adviser, input: { userId: account.userId, active: false }, tx, now }));
}

/**
 * One story, made and moved as it happened: its writer drafts it three days before its date,
 * each workflow step an hour apart up to that date (its publication date, or today), publication
 * at the story's publishedAt, and the adviser puts what is on the site in the December issue.
 */
async function seedStory(
  story: DemoStory,
  { people, adviser, leadImages, issueId, now }: { people: Map<Email, Actor>; adviser: Actor; leadImages: Map<string, string>; issueId: string; now: Date },
) {
  const author = people.get(story.author)!;
  const publishedAt = story.publishedAt ? new Date(story.publishedAt) : null;
  const publishAt = story.publishInDays ? new Date(now.getTime() + story.publishInDays * DAY) : null;
  const base = publishedAt ?? now;
  const createdAt = new Date(base.getTime() - 3 * DAY);
  const aleppo = story.slug === ALEPPO_SLUG;
  const input = { headline: story.headline, dek: story.dek, body: paragraphsToHtml(story.body), section: story.section.toLowerCase(), ...(aleppo ? { tags: ["Syria", "Middle East"] } : {}) };
  const article = await replay((tx) => createArticle({ actor: author, input, slug: story.slug, tx, now: createdAt }));
  if (article.slug !== story.slug) throw new Error(`The demo story "${story.slug}" came out as "${article.slug}".`);
  const leadImageId = leadImages.get(story.slug);
  if (leadImageId) await replay((tx) => updateArticle({ actor: author, id: article.id, input: { leadImageId, version: article.version }, tx, now: createdAt }));
  let status: ArticleStatus = article.status;
  for (const [i, step] of story.history.entries()) {
    const at = step.action === "publish" && publishedAt ? publishedAt : new Date(base.getTime() - (story.history.length - 1 - i) * HOUR);
    const move = { action: step.action, note: step.note, publishAt: step.action === "publish" && publishAt ? publishAt.toISOString() : undefined };
    status = (await replay((tx) => transitionArticle({ actor: people.get(step.by)!, id: article.id, input: move, tx, now: at }))).status;
  }
  if (status !== story.status) throw new Error(`The demo story "${story.slug}" ended ${status}, not ${story.status}.`);
  if (isPublic(status)) await replay((tx) => setArticleIssue({ actor: adviser, input: { articleId: article.id, issueId }, tx, now: publishedAt ?? now }));
}

/**
 * The mastheads of Volume 14 (the current school year) and Volume 13 (the year before, with a
 * graduate), put together by the adviser. A volume's masthead is seeded only while it has no
 * entries, so edits made in the newsroom survive a second load and a second load adds nothing.
 */
async function seedMastheads(adviser: Actor, { current, previous, now }: { current: string; previous: string; now: Date }) {
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
        ["yuna-choi", "Editor-in-Chief"],
        ["minji-kim", "Staff Writer"],
        ["hana-park", "Faculty Adviser"],
      ],
    },
  ];
  for (const { volumeId, entries } of mastheads) {
    if ((await db.mastheadEntry.count({ where: { volumeId } })) > 0) continue;
    for (const [slug, position] of entries) {
      const personId = (await db.person.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
      await replay((tx) => addMastheadEntry({ actor: adviser, input: { volumeId, personId, position }, tx, now }));
    }
  }
}

/**
 * The Aleppo story's lead image: prisma/demo/syria-map.svg through the real media pipeline,
 * stored under a fixed id (so a second load finds it) and recorded by its writer.
 */
async function seedAleppoMap(writer: Actor): Promise<string> {
  const aleppo = readAleppo();
  const { default: sharp } = await import("sharp");
  const png = () => sharp(fileURLToPath(new URL("./demo/syria-map.svg", import.meta.url))).png().toBuffer();
  return storeDemoImage(writer, {
    id: MAP_ID,
    png,
    originalName: "syria-map.png",
    details: {
      alt: aleppo.imageDescription,
      caption: "Aleppo, in northern Syria, near the Turkish border and the opposition-held province of Idlib.",
      credit: aleppo.imageCredit,
    },
  });
}

/** The other published stories' photos (prisma/demo/photos.ts): slug -> media id. */
async function seedDemoPhotos(photographer: Actor): Promise<[string, string][]> {
  const { default: sharp } = await import("sharp");
  const stored: [string, string][] = [];
  for (const photo of DEMO_PHOTOS) {
    const id = await storeDemoImage(photographer, {
      id: photo.id,
      png: () => sharp(Buffer.from(photo.svg)).png().toBuffer(),
      originalName: `${photo.slug}.png`,
      details: { alt: photo.alt, caption: photo.caption, credit: DEMO_PHOTO_CREDIT },
    });
    stored.push([photo.slug, id]);
  }
  return stored;
}

/**
 * A demo image through the real media pipeline, stored under a fixed id (so a second load finds
 * it and does nothing) and recorded by `uploader`.
 */
async function storeDemoImage(
  uploader: Actor,
  { id, png: render, originalName, details }: { id: string; png: () => Promise<Buffer>; originalName: string; details: { alt: string; caption: string; credit: string } },
): Promise<string> {
  if (await db.media.findUnique({ where: { id }, select: { id: true } })) return id;
  const png = await render();
  const image = await processImage(png);
  const storageKey = `${id.slice(0, 2)}/${id}`;
  // In the database by default (lib/data/media-files.ts), else on disk.
  const inDatabase = mediaStore() === "database";
  let variants: Variant[];
  if (inDatabase) variants = variantsFor(storageKey, image.renditions);
  else {
    rmSync(`${mediaRoot()}/${storageKey}`, { recursive: true, force: true });
    variants = await storeRenditions({ root: mediaRoot(), storageKey, renditions: image.renditions });
  }
  const files = inDatabase ? renditionFiles(storageKey, image.renditions) : undefined;
  await replay((tx) =>
    recordStoredMedia({
      actor: uploader,
      input: { id, storageKey, image: { originalName, mimeType: image.mimeType, width: image.width, height: image.height, bytes: png.length, variants }, details, files },
      tx,
    }),
  );
  return id;
}

// Last, so that every constant above is initialised before the seed runs (npm run db:seed).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await seedDemo();
}
