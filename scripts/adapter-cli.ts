/**
 * npm run adapter -- <file.html> [--url <url>] [--engine <name>]
 *
 * Prints the adapter's reading of a saved page as JSON: { engine, kind, thread, posts,
 * user, problems }. The tool to reach for when a forum changes its markup.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { adapters, pickAdapter, toJson } from '../extension/adapters/index';

function fail(message: string): never {
  process.stderr.write(`adapter: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { url: { type: 'string' }, engine: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    fail((e as Error).message);
  }
})();

if (values.help || positionals.length !== 1) {
  process.stdout.write(
    'usage: npm run adapter -- <file.html> [--url <url>] [--engine <name>]\n' +
      `engines: ${adapters.map((a) => a.engine).join(', ')}\n` +
      'Without --url the page URL is taken from its canonical link or og:url.\n',
  );
  process.exit(values.help ? 0 : 2);
}

const file = positionals[0]!;
let html: string;
try {
  html = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}

// Scripts never run: the page is read as a visitor without JavaScript sees it.
const probe = new JSDOM(html).window.document;
const guessed =
  probe.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
  probe.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
  'https://localhost/';
let url: URL;
try {
  url = new URL(values.url ?? guessed);
} catch {
  fail(`not a URL: ${values.url ?? guessed}`);
}
const doc = new JSDOM(html, { url: url.href }).window.document;

const adapter = pickAdapter(doc, url, values.engine);
if (!adapter) {
  fail(
    values.engine
      ? `unknown engine "${values.engine}" (known: ${adapters.map((a) => a.engine).join(', ')})`
      : 'no adapter recognises this page (try --engine)',
  );
}
process.stdout.write(`${JSON.stringify(toJson(adapter.read(doc, url)), null, 2)}\n`);
