/**
 * The use cases as integration tests call them: each runs for real (its own transaction, its
 * audit rows and notifications) and the test gets its result, as a server action would.
 */
import { publishDueArticles } from "@/lib/use-cases/articles/publish-due-articles";
import * as transition from "@/lib/use-cases/articles/transition-article";
import * as issue from "@/lib/use-cases/issues/set-article-issue";
import * as createStory from "@/lib/use-cases/articles/create-article";
import * as updateStory from "@/lib/use-cases/articles/update-article";
import * as pinStory from "@/lib/use-cases/articles/pin-article";
import * as restore from "@/lib/use-cases/articles/restore-revision";
import * as comment from "@/lib/use-cases/comments/create-comment";
import * as resolveComment from "@/lib/use-cases/comments/set-comment-resolved";
import * as correction from "@/lib/use-cases/corrections/add-correction";
import * as decide from "@/lib/use-cases/takedowns/decide-takedown";
import * as record from "@/lib/use-cases/takedowns/record-takedown-request";
import * as pitch from "@/lib/use-cases/planning/create-pitch";
import * as pitchDecision from "@/lib/use-cases/planning/decide-pitch";
import * as assignment from "@/lib/use-cases/planning/create-assignment";
import { notifyDeadlinesTomorrow } from "@/lib/use-cases/planning/notify-deadlines-tomorrow";
import * as volume from "@/lib/use-cases/issues/create-volume";
import * as newIssue from "@/lib/use-cases/issues/create-issue";
import * as mastheadAdd from "@/lib/use-cases/masthead/add-masthead-entry";
import * as mastheadUpdate from "@/lib/use-cases/masthead/update-masthead-entry";
import * as mastheadMove from "@/lib/use-cases/masthead/move-masthead-entry";
import * as mastheadRemove from "@/lib/use-cases/masthead/remove-masthead-entry";
import * as mastheadCopy from "@/lib/use-cases/masthead/copy-current-staff-to-volume";
import * as markRead from "@/lib/use-cases/notifications/mark-notifications-read";
import * as digest from "@/lib/use-cases/notifications/set-digest-kinds";

type Fn = (...args: never[]) => Promise<{ data: unknown }>;
function unwrap<F extends Fn>(fn: F) {
  return async (...args: Parameters<F>): Promise<Awaited<ReturnType<F>>["data"]> => (await fn(...args)).data;
}

export const transitionArticle = unwrap(transition.transitionArticle);
export const setArticleIssue = unwrap(issue.setArticleIssue);
export const decideTakedown = unwrap(decide.decideTakedown);
export const recordTakedownRequest = unwrap(record.recordTakedownRequest);
export { publishDueArticles };
export const createArticle = unwrap(createStory.createArticle);
export const updateArticle = unwrap(updateStory.updateArticle);
export const pinArticle = unwrap(pinStory.pinArticle);
export const restoreRevision = unwrap(restore.restoreRevision);
export const createComment = unwrap(comment.createComment);
export const setCommentResolved = unwrap(resolveComment.setCommentResolved);
export const addCorrection = unwrap(correction.addCorrection);
export const createPitch = unwrap(pitch.createPitch);
export const decidePitch = unwrap(pitchDecision.decidePitch);
export const createAssignment = unwrap(assignment.createAssignment);
export { notifyDeadlinesTomorrow };
export const createVolume = unwrap(volume.createVolume);
export const createIssue = unwrap(newIssue.createIssue);
export const addMastheadEntry = unwrap(mastheadAdd.addMastheadEntry);
export const updateMastheadEntry = unwrap(mastheadUpdate.updateMastheadEntry);
export const moveMastheadEntry = unwrap(mastheadMove.moveMastheadEntry);
export const removeMastheadEntry = unwrap(mastheadRemove.removeMastheadEntry);
export const copyCurrentStaffToVolume = unwrap(mastheadCopy.copyCurrentStaffToVolume);
export const markNotificationsRead = unwrap(markRead.markNotificationsRead);
export const setDigestKinds = unwrap(digest.setDigestKinds);
