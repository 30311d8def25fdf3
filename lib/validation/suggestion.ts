import { z } from "zod";

/** `all` decides every open suggestion in the story at once. */
export const ZSuggestionDecision = z.object({
  suggestionId: z.string({ error: "Name the suggestion." }).trim().min(1, "Name the suggestion.").max(100, "That is not a suggestion id."),
  decision: z.enum(["accept", "reject"], { error: "The decision must be accept or reject." }),
});
export type TSuggestionDecision = z.infer<typeof ZSuggestionDecision>;
