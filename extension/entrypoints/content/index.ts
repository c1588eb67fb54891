// First: marks when the script began evaluating.
import { SCRIPT_START } from '../../content/clock-start';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPulse } from '../../content/pulse';
import { addWork } from '../../content/work-clock';

export default defineContentScript({
  // Registered at run time by the background for the community's sites only
  // (lib/content-script-registration.ts), never on every page.
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  async main(ctx) {
    addWork(SCRIPT_START);
    await startPulse(ctx);
  },
});
