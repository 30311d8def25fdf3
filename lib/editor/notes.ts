/**
 * Endnotes: a reference in the text (`<a href="#story-note-1" id="story-note-ref-1">[1]</a>`)
 * and the note's back link at the end (`<a href="#story-note-ref-1" id="story-note-1">↑</a>`)
 * are ordinary links that keep an id, so both directions work for readers. Only ids of that
 * one shape are kept (paste-office.ts makes them); any other id on a link is dropped.
 */
import { Extension } from "@tiptap/core";
import { NOTE_ID } from "./paste-office";

export const NoteLinkIds = Extension.create({
  name: "noteLinkIds",
  addGlobalAttributes() {
    return [
      {
        types: ["link"],
        attributes: {
          id: {
            default: null,
            parseHTML: (el: HTMLElement) => {
              const id = el.getAttribute("id");
              return id && NOTE_ID.test(id) ? id : null;
            },
            renderHTML: (attrs: { id?: string | null }) => (attrs.id && NOTE_ID.test(attrs.id) ? { id: attrs.id } : {}),
          },
        },
      },
    ];
  },
});
