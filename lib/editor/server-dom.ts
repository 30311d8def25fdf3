import "server-only";
import { Window } from "happy-dom";

/** Parse HTML into a throw-away happy-dom document (no scripts, styles or frames load), run `fn` on it, and close it. */
export function withHtmlDocument<T>(html: string, fn: (doc: Document) => T): T {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, disableComputedStyleRendering: true },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, "text/html") as unknown as Document;
    return fn(doc);
  } finally {
    void window.happyDOM.abort();
    void window.happyDOM.close();
  }
}
