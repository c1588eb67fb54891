import type { BrowserContext } from 'playwright-core';

/** Makes a community for `site` through the admin API; returns the owner's invite code. */
export async function createCommunity(workerUrl: string, adminToken: string, site: string, name = 'Test community'): Promise<string> {
  const res = await fetch(`${workerUrl}/v1/admin/communities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, sites: [{ origin: site, engine: 'discourse' }] }),
  });
  const body = (await res.json()) as { code?: string };
  if (res.status !== 201 || !body.code) throw new Error(`creating the community failed: ${res.status} ${JSON.stringify(body)}`);
  return body.code;
}

/** Joins with an invite code the way a person does: the options page's form. Returns the role. */
export async function joinFromOptions(context: BrowserContext, extensionId: string, workerUrl: string, code: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('Worker URL').fill(workerUrl);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByLabel('Invite code').fill(code);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('role').waitFor({ timeout: 20_000 });
    return await page.getByTestId('role').innerText();
  } finally {
    await page.close();
  }
}
