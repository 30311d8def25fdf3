"use client";
import { buttonClass } from "@/components/ui/field";
import type { SaveStatus } from "./use-autosave";

const STATUS_TEXT: Record<SaveStatus["kind"], string> = {
  idle: "",
  dirty: "Unsaved changes",
  saving: "Saving…",
  saved: "Saved",
  offline: "Offline — changes kept on this device",
  retrying: "Couldn't save — retrying",
  invalid: "",
  failed: "",
};

function statusText(status: SaveStatus): string {
  if (status.kind === "saved") return `Saved ${status.at}`;
  if (status.kind === "invalid" || status.kind === "failed" || status.kind === "retrying") return status.message;
  return STATUS_TEXT[status.kind];
}

/** The save button (autosave needs none; it is there for the habit) and the one live line that says where the text stands. */
export function SaveBar({ status }: { status: SaveStatus }) {
  const tone =
    status.kind === "invalid" || status.kind === "failed" ? "font-semibold text-danger" : status.kind === "offline" || status.kind === "retrying" ? "font-semibold text-warn" : "text-muted";
  return (
    <div className="flex flex-wrap items-center gap-4">
      <button type="submit" className={buttonClass} disabled={status.kind === "saving"}>
        Save
      </button>
      <p role="status" aria-live="polite" data-testid="save-status" className={tone}>
        {statusText(status)}
      </p>
    </div>
  );
}
