/**
 * Words for suggestion decisions in the story's history. PURE.
 */
export const SUGGESTION_ACTIONS = { accept: "accept_suggestion", reject: "reject_suggestion" } as const;
export type SuggestionHistoryAction = (typeof SUGGESTION_ACTIONS)[keyof typeof SUGGESTION_ACTIONS];

export function isSuggestionHistoryAction(action: string): action is SuggestionHistoryAction {
  return action === SUGGESTION_ACTIONS.accept || action === SUGGESTION_ACTIONS.reject;
}

/** "Hana Park accepted a suggestion by Minji Kim: “grey” → “gray”" */
export function suggestionHistoryLine({ decider, decision, suggester, text }: { decider: string; decision: "accept" | "reject"; suggester: string | null; text: string }): string {
  return `${decider} ${decision === "accept" ? "accepted" : "rejected"} a suggestion${suggester ? ` by ${suggester}` : ""}: ${text}`;
}
