/**
 * The use cases as integration tests call them: each runs for real (its own transaction, its
 * audit rows and notifications) and the test gets its result, as a server action would.
 */
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
