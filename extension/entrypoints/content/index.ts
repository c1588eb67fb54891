import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPulse } from '../../content/pulse';

export default defineContentScript({
  // Detection decides: on a page no adapter recognises the script stops at once.
  // (Per-community host permissions replace this with the owner's sites.)
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startPulse(ctx);
  },
});
