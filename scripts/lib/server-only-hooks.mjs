/**
 * A Node module hook (registered by scripts/lib/allow-server-only.ts): the `server-only` marker
 * package resolves the way Next resolves it for server code, to its empty module under the
 * "react-server" condition. Only that one package is affected; React and everything else load
 * as they always do in a script.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
