/**
 * npm run dev — the whole product locally:
 *   1. migrations applied to the local D1 (.wrangler/state),
 *   2. the Worker (`wrangler dev`) on http://127.0.0.1:8787,
 *   3. the extension built into extension/.output/chrome-mv3 (load it unpacked),
 *   4. the demo forum on http://127.0.0.1:8790.
 * Ctrl-C stops everything. Ports: WORKER_PORT, DEMO_PORT.
 */
import { startDemoForum, demoPaths } from '../demo/server';
import { applyMigrations, buildExtension, ensureDevVars, startWorker } from './local-stack';

const workerPort = Number(process.env.WORKER_PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 8790);
const step = (s: string) => process.stdout.write(`\n▸ ${s}\n`);

step('Applying migrations to the local D1');
ensureDevVars();
process.stdout.write(applyMigrations());

step('Building the extension');
const extDir = buildExtension();

step(`Starting the Worker on port ${workerPort}`);
const worker = await startWorker({ port: workerPort, inherit: true, localTraces: true });

step(`Starting the demo forum on port ${demoPort}`);
const forum = await startDemoForum(demoPort);

process.stdout.write(`
Community Pulse is running.

  Worker       ${worker.url}  (health: ${worker.url}/v1/health)
  Demo forum   ${forum.url}
               ${forum.url}${demoPaths.liveTopic}
               ${forum.url}${demoPaths.crawlerTopic}
  Extension    ${extDir}
               Load it in Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked.
               Its default Worker URL is ${worker.url}; change it in the extension's options.

Next, in another terminal, create the demo forum's community and get the owner's invite code:

  npm run community:create -- --name "Demo community" --site ${forum.url}

then paste the code in the extension's options (Join your community) and open the demo forum.
The operator's ADMIN_TOKEN and the other local secrets are in .dev.vars.

Press Ctrl-C to stop.
`);

const shutdown = async () => {
  await Promise.allSettled([worker.stop(), forum.close()]);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
worker.process.on('exit', (code) => {
  process.stderr.write(`wrangler dev exited (${code}); stopping.\n`);
  void forum.close().then(() => process.exit(code ?? 1));
});
