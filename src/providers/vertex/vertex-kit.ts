import type { VertexCore } from "./vertex-core.js";

/**
 * The library's pieces the on-demand modules use, installed by the adapter right after it loads
 * them (see `VERTEX_CORE` for why they are not imported). Read at call time, never at load.
 */
export let kit: VertexCore;

export function installVertexCore(core: VertexCore): void {
  kit = core;
}
