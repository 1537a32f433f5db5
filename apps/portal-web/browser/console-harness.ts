import { existsSync } from 'node:fs';
import { startHoustonProcess, type HoustonProcess } from '@houston/testing';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's package (`apt-get install chromium`); `.ci/run` installs it when it is missing. */
export const CHROMIUM = process.env['HOUSTON_CHROMIUM'] ?? '/usr/bin/chromium';

export const ADMIN = { username: 'admin', password: 'console-admin-password' };

/**
 * Real Chromium, headless, with nothing that reaches beyond this machine (no updates, no sync,
 * no QUIC). Fails with what to install when the browser is absent, never skips.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser suites need Debian's chromium package ` +
        '(`apt-get install chromium`, which .ci/run does) or HOUSTON_CHROMIUM pointing at a Chromium binary',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ConsoleUnderTest {
  houston: HoustonProcess;
  portalUrl: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies and local storage) at a given window width. */
  newContext(options?: { width?: number; language?: string; timezone?: string }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/** `npm start` (config-service, admin-service, portal with the built console) on ephemeral ports, and Chromium. */
export async function startConsole(env: Record<string, string> = {}): Promise<ConsoleUnderTest> {
  const browser = await launchChromium();
  let houston: HoustonProcess;
  try {
    houston = await startHoustonProcess(
      {
        HOUSTON_PORTAL_ENABLED: 'true',
        HOUSTON_PORTAL_ADMIN_USER: ADMIN.username,
        HOUSTON_PORTAL_ADMIN_PASSWORD: ADMIN.password,
        ...env,
      },
      60_000,
    );
  } catch (error) {
    await browser.close();
    throw error;
  }
  const portalUrl = houston.portalUrl!;
  return {
    houston,
    portalUrl,
    browser,
    newContext: ({ width = 1280, language = 'en-US', timezone = 'UTC' } = {}) =>
      browser.newContext({
        baseURL: portalUrl,
        viewport: { width, height: 860 },
        locale: language,
        timezoneId: timezone,
      }),
    async stop() {
      await browser.close();
      await houston.stop();
    },
  };
}

/** Signs in through the form, as a person does. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(username);
  await page.getByLabel(/^Password$|^密码$/).fill(password);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
}

/** A signed-in API client for setting up what a test does not do through the page. */
export async function portalApi(portalUrl: string, username: string, password: string) {
  const login = await fetch(`${portalUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';', 1)[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${portalUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/**
 * Clicks and waits for the message that click brings. A message stays three seconds, and longer
 * while the pointer rests on it, so the same words from an earlier step may still be showing:
 * messages already on the page are marked first, and only an unmarked one counts.
 */
export async function clickAndSeeMessage(page: Page, target: Locator, text: string): Promise<void> {
  // A string, run in the page: this file is type-checked without the DOM's types.
  await page.evaluate(
    "document.querySelectorAll('.ant-message-notice').forEach((notice) => notice.setAttribute('data-seen', ''))",
  );
  await target.click();
  await page.locator('.ant-message-notice:not([data-seen])').getByText(text, { exact: true }).waitFor();
}

/**
 * A dialog's button by its exact words. When a request ends, antd's loading icon leaves with a short
 * animation and keeps its "loading" label until it has; on a busy machine that outlasts a test's
 * wait though the button already works, so a button pressed a second time (after a refusal) may
 * still be named "loading Start".
 */
export function dialogButton(dialog: Locator, name: string): Locator {
  const words = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return dialog.getByRole('button', { name: new RegExp(`^(loading )?${words}$`) });
}

/** Replaces the whole text of the CodeMirror editor on the page, as a paste would. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
