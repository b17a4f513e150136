// The operations dashboard in a real browser (Debian's chromium, driven by playwright-core): sign in, launch
// the export and see the execution appear with its status, re-queue a refused change and see the next export
// send it; see a fresh edit in the pending panel, a record's history, and a difference planted on the peer in
// the drift report, re-queued from there. Started by e2e/tests/70-dashboard-browser.sh, which starts the
// service and the peer and passes:
//   BASE_URL, PEER_URL, OPERATOR_USER, OPERATOR_PASSWORD (an operator who is also an editor),
//   FIXTURE (command that records a refused change, prints its id), SCREENSHOT (where to save the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const { BASE_URL, PEER_URL, OPERATOR_USER, OPERATOR_PASSWORD, FIXTURE, SCREENSHOT } = process.env;
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const auth = 'Basic ' + Buffer.from(`${OPERATOR_USER}:${OPERATOR_PASSWORD}`).toString('base64');

async function api(method, path, body) {
  const headers = { Authorization: auth, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(BASE_URL + path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  return { status: response.status, body: answer };
}

async function until(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/** The service imports on first start; the failure fixture needs a post, so wait for that import to finish. */
async function importedData() {
  return until('the import on startup to complete', async () => {
    const jobs = await api('GET', '/jobs');
    assert.equal(jobs.status, 200, `GET /jobs answered ${jobs.status}`);
    const last = jobs.body.find(j => j.name === 'importJob')?.lastExecution;
    if (last?.status === 'FAILED') throw new Error(`the import failed: ${last.exitDescription}`);
    return last?.status === 'COMPLETED' ? last : null;
  }, 180_000);
}

test('operations dashboard in a real browser', { timeout: 300_000 }, async t => {
  await importedData();
  const failureId = execFileSync('bash', ['-c', FIXTURE], { encoding: 'utf8' }).trim();
  assert.match(failureId, /^\d+$/, 'the fixture prints the id of the refused change it recorded');

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  // any native Basic-auth pop-up would stall a real user: fail instead of answering it
  page.on('dialog', d => { pageErrors.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });

  await t.test('the page is open, the data is not: it asks for credentials', async () => {
    await page.goto(BASE_URL + '/');
    await page.locator('#login').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#board').isVisible(), false);
  });

  await t.test('a wrong password is refused with the API\'s problem details', async () => {
    await page.fill('#username', OPERATOR_USER);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-form button[type=submit]');
    const notice = page.locator('#notice');
    await notice.waitFor({ state: 'visible' });
    assert.match(await page.locator('#notice-status').textContent(), /HTTP 401/);
    assert.ok((await page.locator('#notice-title').textContent()).trim().length > 0, 'a problem title is shown');
    assert.equal(await page.locator('#login').isVisible(), true);
  });

  await t.test('signing in shows the jobs, their executions and the refused change', async () => {
    await page.fill('#username', OPERATOR_USER);
    await page.fill('#password', OPERATOR_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.locator('#board').waitFor({ state: 'visible' });
    await page.locator('section.job[data-job="importJob"] tr[data-status="COMPLETED"]').first().waitFor();
    await page.locator('section.job[data-job="exportJob"]').waitFor();
    const failure = page.locator(`#failures tr[data-failure-id="${failureId}"]`);
    await failure.waitFor();
    assert.match(await failure.textContent(), /422/);
    assert.equal(await failure.locator('button[data-action="retry"]').isVisible(), true);
    assert.match(await page.locator('#who').textContent(), new RegExp(OPERATOR_USER));
    // the import's counters are shown (JSONPlaceholder: 100 posts, 500 comments)
    const importRow = page.locator('section.job[data-job="importJob"] tr[data-status="COMPLETED"]').first();
    assert.match(await importRow.textContent(), /600/);
  });

  const launch = async job => {
    await page.click(`section.job[data-job="${job}"] button[data-action="launch"]`);
    await page.locator('#notice.ok #notice-title', { hasText: `${job} launched` }).waitFor();
    const launched = /execution #(\d+)/.exec(await page.locator('#notice-detail').textContent());
    assert.ok(launched, 'the notice names the new execution');
    const row = page.locator(`section.job[data-job="${job}"] tr[data-execution-id="${launched[1]}"]`);
    await row.waitFor();
    // auto-refresh brings the final status without a reload
    await page.locator(`section.job[data-job="${job}"] tr[data-execution-id="${launched[1]}"][data-status="COMPLETED"]`)
      .waitFor({ timeout: 60_000 });
    // and the banner that named the launch follows it, instead of saying STARTING for ever
    await until(`the launch banner to say execution #${launched[1]} COMPLETED`, async () =>
      (await page.locator('#notice-detail').textContent()).includes(`execution #${launched[1]} is COMPLETED`), 15_000);
    return { id: launched[1], row };
  };
  const launchExport = () => launch('exportJob');

  await t.test('launching the export shows the new execution and its status', async () => {
    const { id, row } = await launchExport();
    assert.match(await row.locator('.status').textContent(), /COMPLETED/);
    assert.match(await page.locator('#chart').innerHTML(), new RegExp(`#${id}<`), 'the run is in the chart');
  });

  await t.test('re-queueing the refused change puts it back into the backlog', async () => {
    await page.click(`#failures tr[data-failure-id="${failureId}"] button[data-action="retry"]`);
    await page.locator('#notice.ok #notice-title', { hasText: `Failure #${failureId} re-queued` }).waitFor();
    await page.locator(`#failures tr[data-failure-id="${failureId}"] .status.REQUEUED`).waitFor();
    await until('the backlog tile to show the re-queued change',
      async () => Number(await page.locator('#backlog').textContent()) >= 1, 30_000);
  });

  await t.test('the next export sends it: one call, backlog back to zero', async () => {
    const { id, row } = await launchExport();
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[5].trim(), '1', `one net change written (row: ${cells.join(' | ')})`);
    await until('the backlog tile to drop to 0', async () => (await page.locator('#backlog').textContent()) === '0', 30_000);
    assert.match(await page.locator('#chart').innerHTML(), new RegExp(`run #${id}: 1 calls<`), 'the chart shows the call');
    assert.match(await row.locator('.exit').textContent(), /\b1 entry archived\b/, 'one entry, not "1 entries"');
  });

  await t.test('the pending panel shows a fresh edit with the call the export will make', async () => {
    const edited = await api('PATCH', '/posts/3', { title: 'edited in the browser test' });
    assert.equal(edited.status, 200, `PATCH /posts/3 answered ${edited.status}`);
    const pending = page.locator('#pending tr[data-record="POST 3"]');
    await pending.waitFor({ timeout: 15_000 });
    assert.match(await pending.textContent(), /UPDATE/);
    assert.match(await pending.textContent(), /PUT \/posts\/3/);
  });

  await t.test('the record lookup shows a record\'s history', async () => {
    await page.fill('#lookup', 'post 3');
    await page.click('#lookup-form button[type=submit]');
    const newest = page.locator('#history tbody tr').first();
    await newest.waitFor();
    assert.match(await newest.textContent(), /PENDING/);
    assert.match(await newest.textContent(), /edited in the browser test/);
    // the refused change re-queued and exported above is archived with its export's outcome
    const failure = (await api('GET', '/sync/failures?size=100')).body.content.find(f => String(f.id) === failureId);
    await page.fill('#lookup', `post ${failure.entityId}`);
    await page.click('#lookup-form button[type=submit]');
    await page.locator('#history tbody tr', { hasText: 'ARCHIVED' }).first().waitFor();
    assert.match(await page.locator('#history tbody tr', { hasText: 'ARCHIVED' }).first().textContent(), /SENT/);
  });

  await t.test('the drift report shows a difference planted on the peer and re-queues it', async () => {
    // changed on the remote behind our back
    const planted = await fetch(`${PEER_URL}/posts/2`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'changed behind our back' }) });
    assert.equal(planted.status, 200);
    await launch('verifyJob');
    const row = page.locator('#drift tr[data-record="POST 2"]');
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.textContent(), /DIFFERS/);
    assert.match(await row.textContent(), /title/);
    // the fresh edit of post 3 is pending, not drift
    assert.match(await page.locator('#drift tr[data-record="POST 3"]').textContent(), /PENDING/);

    await row.locator('button[data-action="repair"][data-source="LOCAL"]').click();
    const plan = page.locator('#repair-plan');
    await plan.waitFor({ state: 'visible' });
    assert.match(await plan.textContent(), /PUT \/posts\/2 \(next export\)/);
    assert.match(await plan.textContent(), /dry run/);
    assert.equal((await api('GET', '/sync/pending?entity=POST')).body.content.some(c => c.entityId === 2), false,
      'the dry run changed nothing');
    await page.click('#repair-confirm');
    await page.locator('#notice.ok #notice-title', { hasText: 'Repair done' }).waitFor();
    await page.locator('#drift tr[data-record="POST 2"] .status.REPAIRED').waitFor();
    const pending = page.locator('#pending tr[data-record="POST 2"]');
    await pending.waitFor({ timeout: 15_000 });
    assert.match(await pending.textContent(), /PUT \/posts\/2/);
  });

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.deepEqual(pageErrors, [], 'no script errors or dialogs on the page');
});
