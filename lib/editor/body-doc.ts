/**
 * A story body sent as the editor's own ProseMirror document (JSON), checked against the story
 * schema with prosemirror-model alone: no HTML parsing and no DOM. A document that does not fit
 * (an unknown node or mark, a paragraph inside a text node, a heading where only text may go) is
 * refused with a message on the body field, as a bad HTML body is.
 */
import { getSchema, type JSONContent } from "@tiptap/core";
import { Node as PMNode, type Schema } from "@tiptap/pm/model";
import { storyExtensions } from "@/lib/editor/extensions";
import { AppError } from "@/lib/errors";

let schema: Schema | null = null;
/** The story schema, built once from the same extensions the editor uses. */
export function storySchema(): Schema {
  schema ??= getSchema(storyExtensions);
  return schema;
}

/** Far deeper than a story (a list nested a few levels); the checks recurse once per level. */
const MAX_DEPTH = 100;

function depthOf(value: unknown): number {
  // Iterative, so a hostile document cannot overflow the stack before it is refused.
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) return max;
    const content = (node as { content?: unknown } | null)?.content;
    if (Array.isArray(content)) for (const child of content) stack.push([child, depth + 1]);
  }
  return max;
}

function refused(reason: string): AppError {
  const message = `The story text does not fit the editor's format: ${reason}`;
  return new AppError("VALIDATION", message, { fields: { body: message } });
}

/** `json` as a checked story document, or a VALIDATION error (422) on the body field. */
export function checkBodyDoc(json: unknown): JSONContent {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw refused("send a document object ({\"type\":\"doc\",…}).");
  if ((json as { type?: unknown }).type !== "doc") throw refused('the top node must be "doc".');
  if (depthOf(json) > MAX_DEPTH) throw refused("its formatting is nested too deeply to be a story.");
  let node: PMNode;
  try {
    node = PMNode.fromJSON(storySchema(), json);
    node.check();
  } catch (error) {
    throw refused(error instanceof Error ? `${error.message.replace(/\.$/, "")}.` : "it could not be read.");
  }
  return node.toJSON() as JSONContent;
}
