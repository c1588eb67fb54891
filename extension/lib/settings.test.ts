import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_WORKER_URL } from '../../shared/constants';
import { parseWorkerUrl, workerUrlItem } from './settings';

describe('parseWorkerUrl', () => {
  it.each([
    ['https://pulse.example.workers.dev', 'https://pulse.example.workers.dev'],
    ['  https://pulse.example.com/api/  ', 'https://pulse.example.com/api'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
  ])('accepts %s', (input, url) => {
    expect(parseWorkerUrl(input)).toMatchObject({ ok: true, url });
  });

  it.each([
    ['', 'Enter the address'],
    ['pulse.example.com', 'not a web address'],
    ['ftp://pulse.example.com', 'must start with https://'],
    ['javascript:alert(1)', 'must start with https://'],
    ['http://pulse.example.com', 'Use https://'],
    ['https://user:pw@pulse.example.com', 'user names and passwords'],
    ['https://pulse.example.com/?x=1', '?query'],
  ])('rejects %j with a helpful message', (input, message) => {
    const r = parseWorkerUrl(input);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain(message);
  });
});

describe('workerUrlItem', () => {
  it('defaults to the local wrangler dev Worker and keeps what is saved', async () => {
    fakeBrowser.reset();
    expect(await workerUrlItem.getValue()).toBe(DEFAULT_WORKER_URL);
    await workerUrlItem.setValue('https://pulse.example.com');
    expect(await workerUrlItem.getValue()).toBe('https://pulse.example.com');
  });
});
