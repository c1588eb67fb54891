import type { CDPSession, Page } from 'playwright-core';

/**
 * The overlay lives in closed shadow roots (the forum's own scripts cannot read it), which
 * Playwright's locators do not enter. These helpers read it the way DevTools does: the
 * DevTools protocol's DOM tree with `pierce: true`.
 */
interface CdpNode {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface ShadowElement {
  backendNodeId: number;
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

export interface ShadowHost {
  /** Text inside the host's shadow root (styles left out), whitespace collapsed. */
  text: string;
  /** Elements inside the shadow root. */
  elements: ShadowElement[];
  /** Attributes of the host element itself. */
  hostAttrs: Record<string, string>;
}

const attrsOf = (n: CdpNode) => {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) out[n.attributes![i]!] = n.attributes![i + 1]!;
  return out;
};

function textUnder(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue;
  if (n.nodeName === 'STYLE' || n.nodeName === 'SCRIPT') return '';
  return [...(n.children ?? []), ...(n.shadowRoots ?? [])].map(textUnder).join('');
}

function elementsUnder(n: CdpNode, out: ShadowElement[] = []): ShadowElement[] {
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
    if (c.nodeType === 1) {
      out.push({ backendNodeId: c.backendNodeId, tag: c.nodeName.toLowerCase(), attrs: attrsOf(c), text: textUnder(c).replace(/\s+/g, ' ').trim() });
    }
    elementsUnder(c, out);
  }
  return out;
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

/**
 * Every `<tag>` host in the page, with what its shadow root shows. Found with the
 * protocol's search (so huge or very deep pages do not have to be serialised whole), then
 * each host described with its shadow root.
 */
export async function shadowHosts(page: Page, tag: string): Promise<ShadowHost[]> {
  const s = await cdp(page);
  await s.send('DOM.getDocument', { depth: 0 });
  const { searchId, resultCount } = (await s.send('DOM.performSearch', { query: tag })) as { searchId: string; resultCount: number };
  try {
    if (resultCount === 0) return [];
    const { nodeIds } = (await s.send('DOM.getSearchResults', { searchId, fromIndex: 0, toIndex: resultCount })) as { nodeIds: number[] };
    const hosts: ShadowHost[] = [];
    for (const nodeId of nodeIds) {
      const { node } = (await s.send('DOM.describeNode', { nodeId, depth: -1, pierce: true })) as { node: CdpNode };
      if (node.nodeType !== 1 || node.nodeName.toLowerCase() !== tag || !node.shadowRoots?.length) continue;
      const shadow = node.shadowRoots[0]!;
      hosts.push({ text: textUnder(shadow).replace(/\s+/g, ' ').trim(), elements: elementsUnder(shadow), hostAttrs: attrsOf(node) });
    }
    return hosts;
  } finally {
    await s.send('DOM.discardSearchResults', { searchId });
  }
}

/** The badges' visible texts, in page order. */
export async function badgeTexts(page: Page): Promise<string[]> {
  const hosts = await shadowHosts(page, 'pulse-badge');
  return hosts.map((h) => h.elements.find((e) => /\bbadge\b/.test(e.attrs.class ?? ''))?.text ?? '').filter(Boolean);
}

/** Moves keyboard focus to an element inside a closed shadow root. */
export async function focusShadowElement(page: Page, el: ShadowElement): Promise<void> {
  await (await cdp(page)).send('DOM.focus', { backendNodeId: el.backendNodeId });
}
