import { expect, test, type Page } from '@playwright/test';

// The static server (e2e/static-server.mjs) serves dist/ here too, under a strict CSP.
const SUB = '/blog/assets/residual-explorer/';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test('the app works from a sub-path under a strict CSP, with no console errors', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const res = await page.goto(SUB + '?step=2');
  expect(res?.headers()['content-security-policy']).toContain(
    "script-src 'self' 'wasm-unsafe-eval'",
  );
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  await expect(page.getByTestId('chart-lens').locator('table')).toBeVisible();
  expect(errors).toEqual([]);
});

/** Puts a <residual-explorer> with these attributes after the element `after` selects. */
async function addEmbed(page: Page, after: string, attributes: Record<string, string>) {
  await page.evaluate(
    ([after, attributes]) => {
      const el = document.createElement('residual-explorer');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      document.querySelector(after)!.after(el);
    },
    [after, attributes] as const,
  );
}

test('the demo post: embeds load as they are scrolled to, fit their content and render real numbers', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(SUB + 'demo.html');
  const norms = page.frameLocator('#embed-norms iframe');
  await expect(norms.getByTestId('norms-summary')).toHaveAttribute(
    'aria-label',
    /goes from \d+\.\d+ at the embedding to \d+\.\d+/,
    {
      timeout: 30_000,
    },
  );
  // The two lower embeds are far below the fold: no iframe yet.
  await expect(page.locator('#embed-decomposition iframe')).toHaveCount(0);
  await expect(page.locator('#embed-lens iframe')).toHaveCount(0);

  // The iframe takes its content's height (within a few pixels), not the 320 px placeholder.
  await expect
    .poll(async () => {
      const frameHeight = await page
        .locator('#embed-norms iframe')
        .evaluate((f) => f.getBoundingClientRect().height);
      const contentHeight = await norms
        .locator('html')
        .evaluate((h) => h.getBoundingClientRect().height);
      return Math.abs(frameHeight - contentHeight);
    })
    .toBeLessThan(4);

  for (const id of ['embed-decomposition', 'embed-lens']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    const frame = page.frameLocator(`#${id} iframe`);
    const view = id.replace('embed-', '');
    await expect(frame.getByTestId(`${view}-summary`)).toHaveAttribute('aria-label', /\d/, {
      timeout: 30_000,
    });
    await expect(frame.getByTestId(`${view}-summary`)).not.toHaveAttribute(
      'aria-label',
      /Being computed|NaN/,
    );
  }
  expect(errors).toEqual([]);
});

test('the host page steps an embed through postMessage; malformed messages change nothing', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(SUB + 'demo.html');
  const frame = page.frameLocator('#embed-norms iframe');
  const chart = frame.getByTestId('chart-norms');
  await expect(chart).toHaveAttribute('data-current', '4', { timeout: 30_000 }); // layer="2" is step 4
  await page.getByRole('button', { name: 'next layer ▶' }).click();
  await expect(chart).toHaveAttribute('data-current', '6');
  await page.getByRole('button', { name: '◀ previous layer' }).click();
  await page.getByRole('button', { name: '◀ previous layer' }).click();
  await expect(chart).toHaveAttribute('data-current', '2');

  const summaryBefore = await frame.getByTestId('norms-summary').getAttribute('aria-label');
  await page.evaluate(() => {
    const w = document.querySelector<HTMLIFrameElement>('#embed-norms iframe')!.contentWindow!;
    for (const junk of [
      null,
      'rse:set',
      42,
      { type: 'rse:eval', code: 'document.body.remove()' },
      { type: 'rse:set', layer: 'x', skips: 'maybe' },
      { type: 'rse:set', step: 1e9 },
    ]) {
      w.postMessage(junk, '*');
    }
  });
  // A well-formed message after the junk still works, so the junk was processed and ignored.
  await page.evaluate(() =>
    (document.getElementById('embed-norms') as HTMLElement & { set(v: object): void }).set({
      text: 'the dog runs .',
    }),
  );
  await expect(frame.getByTestId('norms-summary')).not.toHaveAttribute(
    'aria-label',
    summaryBefore!,
  );
  await expect(chart).toHaveAttribute('data-current', '2');
  expect(errors).toEqual([]);
});

test('every explorer view offers embed code that reproduces its state', async ({ page }) => {
  await page.goto('./?step=3&skips=off');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  for (const view of ['update', 'norms', 'decomposition', 'survival', 'lens']) {
    await page.getByTestId(`chart-${view}`).getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByTestId(`embed-code-${view}`);
    await expect(dialog.locator('textarea').first()).toHaveValue(
      new RegExp(
        `embed\\.js" defer></script>\\n<residual-explorer view="${view}" skips="off" step="3">`,
      ),
    );
    await expect(dialog.locator('textarea').nth(1)).toHaveValue(
      new RegExp(`\\?embed=${view}&amp;skips=off&amp;step=3`),
    );
  }
});

test('an embed of an unknown view says which views exist', async ({ page }) => {
  await page.goto('./?embed=nonsense');
  await expect(page.getByRole('alert')).toContainText('There is no view called “nonsense”');
  await expect(page.getByRole('alert')).toContainText('norms');
});

test('an embed follows its theme attribute, and the host can switch it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(SUB + 'demo.html');
  await addEmbed(page, '#embed-norms', { id: 'embed-dark', view: 'norms', theme: 'dark' });
  const iframe = page.locator('#embed-dark iframe');
  await expect(iframe).toHaveAttribute('src', /[?&]theme=dark/, { timeout: 30_000 });
  const frame = page.frameLocator('#embed-dark iframe');
  await expect(frame.getByTestId('norms-summary')).toHaveAttribute('aria-label', /\d/, {
    timeout: 30_000,
  });
  const background = () =>
    frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  // The host page is light; the embed is dark because it was asked to be.
  expect(await background()).toBe('rgb(19, 19, 22)');
  await page.evaluate(() => document.getElementById('embed-dark')!.setAttribute('theme', 'light'));
  await expect.poll(background).toBe('rgb(253, 253, 252)');
  expect(errors).toEqual([]);
});

test('the theme picker switches the page and keeps the choice in the link', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await expect(page.getByTestId('loss-on')).toHaveText(/^\d+\.\d{3}$/, { timeout: 30_000 });
  const background = () =>
    page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(await background()).toBe('rgb(253, 253, 252)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect.poll(background).toBe('rgb(19, 19, 22)');
  await expect(page).toHaveURL(/[?&]theme=dark/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  expect(await background()).toBe('rgb(19, 19, 22)');
});

/** A host page of our own with no CSP (as many blogs have), loading embed.js from SUB. */
async function openBareHost(page: Page): Promise<void> {
  await page.route('**/bare-host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>Host</title>
        <script src="${SUB}embed.js"></script></head><body><main id="posts"></main></body></html>`,
    }),
  );
  await page.goto('/bare-host.html');
  await page.waitForFunction(() => customElements.get('residual-explorer') !== undefined);
}

test('an embed refuses a src that is not an http(s) address, and runs nothing', async ({
  page,
}) => {
  await openBareHost(page);
  await addEmbed(page, '#posts', {
    id: 'evil',
    view: 'norms',
    src: "javascript:parent.document.title='x'//",
  });
  const evil = page.locator('#evil');
  await expect(evil.getByRole('alert')).toHaveText(
    /src “javascript:parent\.document\.title='x'\/\/” is not an http\(s\) address; nothing was loaded/,
  );
  await expect(evil.locator('iframe')).toHaveCount(0);
  expect(await page.title()).toBe('Host');
});

test('an embed named after a built-in property says there is no such view', async ({ page }) => {
  const errors = collectErrors(page);
  for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
    await page.goto(`./?embed=${name}`);
    await expect(page.getByRole('alert')).toContainText(`There is no view called “${name}”`);
  }
  expect(errors).toEqual([]);
});

test('host values of the wrong type or name are refused by name, in one event for any number of keys', async ({
  page,
}) => {
  await page.goto(SUB + 'demo.html');
  const frame = page.frameLocator('#embed-norms iframe');
  const chart = frame.getByTestId('chart-norms');
  await expect(chart).toHaveAttribute('data-current', '4', { timeout: 30_000 });
  const refused = await page.evaluate(() => {
    const el = document.getElementById('embed-norms') as HTMLElement & {
      set(v: object): void;
    };
    const seen: string[] = [];
    el.addEventListener('rse-error', (e) => seen.push((e as CustomEvent<string>).detail));
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    el.set({ ...many, toString: Object.prototype.toString, text: { a: 1 }, layer: 1 });
    return seen;
  });
  expect(refused).toEqual([
    'text must be a string, got object; it was ignored.',
    'Unknown settings “k0”, “k1”, “k2” and 99998 more were ignored.',
  ]);
  await expect(chart).toHaveAttribute('data-current', '2');

  // A host with its own iframe gets the same single summary from the view itself.
  const fromView = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const el = document.getElementById('embed-norms')!;
        const seen: string[] = [];
        el.addEventListener('rse-error', (e) => {
          seen.push((e as CustomEvent<string>).detail);
          if (seen.some((s) => s.includes('skips'))) resolve(seen);
        });
        const w = el.querySelector('iframe')!.contentWindow!;
        const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
        w.postMessage({ type: 'rse:set', ...many, text: ['the', 'dog'] }, '*');
        // Handled in order: when this one's error arrives, the one above has been answered.
        w.postMessage({ type: 'rse:set', skips: 'maybe' }, '*');
      }),
  );
  expect(fromView).toEqual([
    'text must be a string, got an array; it was ignored.',
    'Unknown settings “k0”, “k1”, “k2” and 99997 more were ignored.',
    '“skips=maybe” must be "on" or "off"; using the default instead.',
  ]);
});

test('a 100 KB text attribute stays out of the frame URL; the view refuses it and takes later set() calls', async ({
  page,
}) => {
  await openBareHost(page);
  const errors = await page.evaluate(() => {
    const seen: string[] = [];
    const el = document.createElement('residual-explorer') as HTMLElement & {
      set(v: object): void;
    };
    el.id = 'long';
    el.setAttribute('view', 'norms');
    el.setAttribute('text', 'the dog runs . '.repeat(7000));
    el.addEventListener('rse-error', (e) => seen.push((e as CustomEvent<string>).detail));
    document.getElementById('posts')!.append(el);
    el.set({ layer: 3 });
    (window as unknown as { seen: string[] }).seen = seen;
    return seen;
  });
  expect(errors).toEqual([]);
  const iframe = page.locator('#long iframe');
  await expect(iframe).toHaveAttribute('src', /embed=norms/, { timeout: 30_000 });
  expect((await iframe.getAttribute('src'))!.length).toBeLessThan(500);
  const frame = page.frameLocator('#long iframe');
  await expect(frame.getByTestId('chart-norms')).toHaveAttribute('data-current', '6', {
    timeout: 30_000,
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen))
    .toEqual([
      `“text=${'the dog runs . '.repeat(3).slice(0, 40)}…” is longer than 2000 characters; using the default instead.`,
    ]);
});
