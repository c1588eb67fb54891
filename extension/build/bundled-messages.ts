import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { flattenMessages, parseMessagesYaml } from '../lib/messages-yaml';

const SUFFIX = '?messages';

/**
 * `import messages from './locales/en.yml?messages'`: the message file read at build time
 * into a flat key -> message map (lib/messages-yaml.ts), shipped as a JSON string that
 * the script parses once (JSON.parse of one string is faster for V8 than an object
 * literal). The content script used to parse the YAML in the forum's page on its first
 * translated text: ~10-30 ms of the page's main thread.
 * Used by wxt.config.ts and the extension's vitest config alike.
 */
export function bundledMessages(): Plugin {
  return {
    name: 'pulse-bundled-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const file = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return file ? `${file.id}${SUFFIX}` : null;
    },
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const flat = flattenMessages(parseMessagesYaml(readFileSync(file, 'utf8')));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(flat))});`;
    },
  };
}
