/**
 * The use cases as integration tests call them: each runs for real (its own transaction, its
 * audit rows and notifications) and the test gets its result, as a server action would.
 */
import { publishDueArticles } from "@/lib/use-cases/articles/publish-due-articles";
import * as transition from "@/lib/use-cases/articles/transition-article";
import * as issue from "@/lib/use-cases/issues/set-article-issue";
import * as decide from "@/lib/use-cases/takedowns/decide-takedown";
import * as record from "@/lib/use-cases/takedowns/record-takedown-request";

type Fn = (...args: never[]) => Promise<{ data: unknown }>;
function unwrap<F extends Fn>(fn: F) {
  return async (...args: Parameters<F>): Promise<Awaited<ReturnType<F>>["data"]> => (await fn(...args)).data;
}

export const transitionArticle = unwrap(transition.transitionArticle);
export const setArticleIssue = unwrap(issue.setArticleIssue);
export const decideTakedown = unwrap(decide.decideTakedown);
export const recordTakedownRequest = unwrap(record.recordTakedownRequest);
export { publishDueArticles };
