/**
 * The use cases as integration tests call them: each runs for real (its own transaction, its
 * audit rows and notifications) and the test gets its result, as a server action would.
 */
import type { Actor } from "@/lib/auth/policy";
import * as changeOwnPasswordUC from "@/lib/use-cases/accounts/change-own-password";
import * as createFirstAdviserUC from "@/lib/use-cases/accounts/create-first-adviser";
import * as createStaffUC from "@/lib/use-cases/accounts/create-staff";
import * as resetPasswordUC from "@/lib/use-cases/accounts/reset-password";
import * as setPenNameApprovalUC from "@/lib/use-cases/accounts/set-pen-name-approval";
import * as updateOwnProfileUC from "@/lib/use-cases/accounts/update-own-profile";
import * as updateStaffUC from "@/lib/use-cases/accounts/update-staff";
import { publishDueArticles } from "@/lib/use-cases/articles/publish-due-articles";
import * as addImportedImageUC from "@/lib/use-cases/imports/add-imported-image";
import * as importDocxUC from "@/lib/use-cases/imports/import-docx-for-actor";
import * as skipImportedImageUC from "@/lib/use-cases/imports/skip-imported-image";
import * as recordStoredMediaUC from "@/lib/use-cases/media/record-stored-media";
import * as updateMediaUC from "@/lib/use-cases/media/update-media";
import * as uploadMediaUC from "@/lib/use-cases/media/upload-media";
import * as updateSettingsUC from "@/lib/use-cases/settings/update-publication-settings";
import * as createApiTokenUC from "@/lib/use-cases/tokens/create-api-token";
import * as revokeApiTokenUC from "@/lib/use-cases/tokens/revoke-api-token";
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
import * as startEnrolmentUC from "@/lib/use-cases/two-factor/start-enrolment";
import * as confirmEnrolmentUC from "@/lib/use-cases/two-factor/confirm-enrolment";
import * as verifySecondFactorUC from "@/lib/use-cases/two-factor/verify-second-factor";
import * as resetTwoFactorUC from "@/lib/use-cases/two-factor/reset-two-factor";
import * as setSsoOnlyUC from "@/lib/use-cases/accounts/set-sso-only";
import * as endSessionUC from "@/lib/use-cases/accounts/end-session";
import * as updateSignInSettingsUC from "@/lib/use-cases/settings/update-sign-in-settings";
import * as suggestionDecision from "@/lib/use-cases/suggestions/decide-suggestion";
import * as requestResetUC from "@/lib/use-cases/accounts/request-password-reset";
import * as resetWithTokenUC from "@/lib/use-cases/accounts/reset-password-with-token";

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
export const createFirstAdviser = unwrap(createFirstAdviserUC.createFirstAdviser);
export const createStaff = unwrap(createStaffUC.createStaff);
export const updateStaff = unwrap(updateStaffUC.updateStaff);
export const resetPassword = unwrap(resetPasswordUC.resetPassword);
export const changeOwnPassword = unwrap(changeOwnPasswordUC.changeOwnPassword);
export const updateOwnProfile = unwrap(updateOwnProfileUC.updateOwnProfile);
export const setPenNameApproval = unwrap(setPenNameApprovalUC.setPenNameApproval);
export const updatePublicationSettings = unwrap(updateSettingsUC.updatePublicationSettings);
export const createApiToken = unwrap(createApiTokenUC.createApiToken);
export const revokeApiToken = unwrap(revokeApiTokenUC.revokeApiToken);
export const uploadMedia = unwrap(uploadMediaUC.uploadMedia);
export const updateMedia = unwrap(updateMediaUC.updateMedia);
export const recordStoredMedia = unwrap(recordStoredMediaUC.recordStoredMedia);
export const importDocxForActor = unwrap(importDocxUC.importDocxForActor);
export const addImportedImage = unwrap(addImportedImageUC.addImportedImage);
export const skipImportedImage = unwrap(skipImportedImageUC.skipImportedImage);
export const startTwoFactorEnrolment = unwrap(startEnrolmentUC.startTwoFactorEnrolment);
export const confirmTwoFactorEnrolment = unwrap(confirmEnrolmentUC.confirmTwoFactorEnrolment);
export const verifySecondFactor = unwrap(verifySecondFactorUC.verifySecondFactor);
export const resetTwoFactor = unwrap(resetTwoFactorUC.resetTwoFactor);
export const setSsoOnly = unwrap(setSsoOnlyUC.setSsoOnly);
export const endOwnSession = unwrap(endSessionUC.endOwnSession);
export const updateSignInSettings = unwrap(updateSignInSettingsUC.updateSignInSettings);
export const decideSuggestion = unwrap(suggestionDecision.decideSuggestion);
export const requestPasswordReset = unwrap(requestResetUC.requestPasswordReset);
export const resetPasswordWithToken = unwrap(resetWithTokenUC.resetPasswordWithToken);

/** A real JPEG uploaded to the library by `actor`, with its alt text, caption and a staff credit set. */
export async function uploadTestPhoto(actor: Actor, { name, alt, caption }: { name: string; alt: string; caption: string }) {
  const { default: sharp } = await import("sharp");
  const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 20, g: 90, b: 140 } } }).jpeg().toBuffer();
  const [media] = await uploadMedia({ actor, input: { files: [{ name: `${name}.jpg`, data }] } });
  await updateMedia({ actor, id: media!.id, input: { alt, caption, credit: "Staff photo" } });
  return media!;
}

/** A story submitted by its writer, then approved and published (or scheduled, with `publishAt`) by `publisher`. */
export async function publishThroughReview({ writer, publisher, id, publishAt }: { writer: Actor; publisher: Actor; id: string; publishAt?: string }) {
  await transitionArticle({ actor: writer, id, input: { action: "submit" } });
  await transitionArticle({ actor: publisher, id, input: { action: "approve" } });
  return transitionArticle({ actor: publisher, id, input: { action: "publish", ...(publishAt ? { publishAt } : {}) } });
}
