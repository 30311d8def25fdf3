import { z } from "zod";

export const ZCorrection = z.object({
  kind: z.enum(["CORRECTION", "EDITORS_NOTE"], { error: "Choose correction or editor's note." }).default("CORRECTION"),
  body: z.string({ error: "Write the correction." }).trim().min(1, "Write the correction.").max(2000, "Keep it under 2,000 characters."),
  position: z.enum(["top", "bottom"], { error: "Choose top or bottom." }).default("bottom"),
});
export type TCorrection = z.infer<typeof ZCorrection>;

export const ZTakedownRequest = z.object({
  requesterName: z.string().trim().min(1, "Who asked?").max(120, "Keep it under 120 characters."),
  requesterContact: z.string().trim().max(200, "Keep it under 200 characters.").default(""),
  reason: z.string().trim().min(1, "What reason did they give?").max(4000, "Keep it under 4,000 characters."),
});
export type TTakedownRequest = z.infer<typeof ZTakedownRequest>;

export const ZTakedownDecision = z
  .object({
    decision: z.enum(["KEEP", "ANONYMIZE", "NOINDEX", "UNPUBLISH"], { error: "Choose a decision." }),
    decisionReason: z.string().trim().min(1, "Record the reason for the decision.").max(4000, "Keep it under 4,000 characters."),
    anonymizedName: z.string().trim().max(120).optional(),
    replacement: z.string().trim().max(120).optional(),
  })
  .refine((d) => d.decision !== "ANONYMIZE" || (d.anonymizedName && d.anonymizedName.length > 1), {
    path: ["anonymizedName"],
    message: "Enter the name to remove from the story.",
  });
export type TTakedownDecision = z.infer<typeof ZTakedownDecision>;
