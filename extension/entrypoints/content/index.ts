import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPulse } from '../../content/pulse';

export default defineContentScript({
  // Registered at run time by the background for the community's sites only
  // (lib/content-script-registration.ts), never on every page.
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  async main(ctx) {
    await startPulse(ctx);
  },
});
