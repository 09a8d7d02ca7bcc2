// workerd runner: a module worker that runs the shared scenario when it is fetched. The harness
// bundles it with esbuild (SDKs included, as wrangler would) and serves it with miniflare.
import { runScenario, type ScenarioProvider } from "./scenario.js";

export interface Env {
  EMULATOR_URL: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const only = new URL(request.url).searchParams.get("providers");
    const providers = only ? (only.split(",") as ScenarioProvider[]) : undefined;
    const report = await runScenario({
      emulatorUrl: env.EMULATOR_URL,
      ...(providers !== undefined && { providers }),
    });
    return Response.json({ runtime: `workerd (${navigator.userAgent})`, ...report });
  },
};
