/**
 * A strict reader for the subset of YAML the message files (`extension/locales/*.yml`)
 * use, and their flattening into @wxt-dev/i18n's keys. Runs at build time
 * (build/bundled-messages.ts); nothing here touches the browser.
 */
export type Tree = { [key: string]: Tree | string };
const YAML_TYPED = /^(?:~|null|true|false|yes|no|on|off|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0[xob][\da-f_]+|[-+]?\.(?:inf|nan))$/i;

function scalar(text: string, line: number): string {
  const fail = (why: string) => {
    throw new Error(`locales: line ${line}: ${why}`);
  };
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) fail('unterminated single-quoted string');
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\["\\/nt]|\\u[\da-fA-F]{4})*"$/.test(text)) fail('unsupported double-quoted string');
    return JSON.parse(text) as string;
  }
  if (/^[-?:,[\]{}#&*!|>%@`]/.test(text) || /: | #|:$/.test(text)) fail('quote this value');
  if (YAML_TYPED.test(text)) fail('quote this value (YAML would read it as a number, boolean or null)');
  return text;
}

/**
 * Reads the message files' YAML: nested maps indented by spaces, `key: value` with plain,
 * 'single-' or "double-quoted" values, comment lines. Anything else throws (and a test
 * checks the result equals @wxt-dev/i18n's own parse of both files).
 */
export function parseMessagesYaml(text: string): Tree {
  const root: Tree = {};
  const stack: Array<{ indent: number; node: Tree }> = [{ indent: -1, node: root }];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*(#.*)?$/.test(raw)) return;
    const m = /^( *)([A-Za-z0-9_]+):(?: +(.*?))? *$/.exec(raw);
    if (!m) throw new Error(`locales: line ${i + 1}: unsupported YAML: ${raw}`);
    const indent = m[1]!.length;
    while (indent <= stack.at(-1)!.indent) stack.pop();
    const parent = stack.at(-1)!.node;
    if (Object.hasOwn(parent, m[2]!)) throw new Error(`locales: line ${i + 1}: duplicate key ${m[2]}`);
    if (m[3] === undefined || m[3] === '') {
      const child: Tree = {};
      parent[m[2]!] = child;
      stack.push({ indent, node: child });
    } else {
      parent[m[2]!] = scalar(m[3], i + 1);
    }
  });
  return root;
}

/** Flattens messages like @wxt-dev/i18n's build: keys joined with `_`, plural forms joined with ` | `. */
export function flattenMessages(tree: Tree, prefix: string[] = [], out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = [...prefix, key];
    if (typeof value === 'string') out[path.join('_')] = value;
    else if (Object.keys(value).every((k) => k === 'n' || Number.isFinite(Number(k)))) out[path.join('_')] = Object.values(value).join(' | ');
    else flattenMessages(value, path, out);
  }
  return out;
}

