// The operations dashboard: everything it shows comes from the job-control, failure, sync and metrics endpoints;
// it computes nothing the API does not already say (sums of step counters and formatting aside).
'use strict';

const REFRESH_MS = 4000;
const EXECUTIONS_SHOWN = 8;
const CHART_RUNS = 15;
const CREDENTIALS_KEY = 'jpsync.basic';

const $ = (selector, root = document) => root.querySelector(selector);

let refreshTimer = null;
let refreshing = false;
/** The record the history lookup shows ({entity, id}), refreshed with the rest. */
let lookedUp = null;
/** The repair the plan on screen would do when confirmed ({path, body}). */
let plannedRepair = null;

// ---------------------------------------------------------------- credentials (this tab only)

function credentials() {
  return sessionStorage.getItem(CREDENTIALS_KEY);
}

function signIn(username, password) {
  // btoa only takes Latin-1: encode UTF-8 first so any user name or password works
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  sessionStorage.setItem(CREDENTIALS_KEY, btoa(String.fromCharCode(...bytes)));
  sessionStorage.setItem(CREDENTIALS_KEY + '.user', username);
}

function signOut() {
  sessionStorage.removeItem(CREDENTIALS_KEY);
  sessionStorage.removeItem(CREDENTIALS_KEY + '.user');
}

// ---------------------------------------------------------------- HTTP

/** Calls the API; resolves to {ok, status, body} and never throws for an HTTP error. */
async function call(method, path, { body, accept = 'application/json' } = {}) {
  const headers = {
    Accept: accept,
    // asks Spring Security for a plain 401 without the browser's own Basic login pop-up
    'X-Requested-With': 'XMLHttpRequest',
  };
  const basic = credentials();
  if (basic) headers.Authorization = `Basic ${basic}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store',
    });
  } catch (e) {
    return { ok: false, status: 0, body: { title: 'Service unreachable', detail: String(e.message || e) } };
  }
  const type = response.headers.get('Content-Type') || '';
  let parsed = null;
  const text = await response.text();
  if (type.includes('json') && text) {
    try { parsed = JSON.parse(text); } catch { parsed = null; }
  }
  if (response.ok) {
    return { ok: true, status: response.status, body: parsed ?? text };
  }
  // RFC 9457 problem details when the API sends them; otherwise say at least what the status was
  const problem = parsed && typeof parsed === 'object' ? parsed : {};
  return {
    ok: false,
    status: response.status,
    body: {
      ...problem,
      title: problem.title || response.statusText || 'Request refused',
      status: problem.status || response.status,
      detail: problem.detail || (response.status === 401 ? 'Sign in with an operator account.' : ''),
    },
  };
}

// ---------------------------------------------------------------- notices

function showProblem(problem, context) {
  const notice = $('#notice');
  delete notice.dataset.executionId;
  notice.classList.remove('ok');
  $('#notice-title').textContent = context ? `${context}: ${problem.title}` : problem.title;
  $('#notice-status').textContent = problem.status ? `HTTP ${problem.status}` : '';
  const extra = problem.runningExecutionId ? ` (running execution #${problem.runningExecutionId})` : '';
  $('#notice-detail').textContent = (problem.detail || '') + extra;
  notice.dataset.status = problem.status || '';
  notice.hidden = false;
}

function showSuccess(title, detail) {
  const notice = $('#notice');
  delete notice.dataset.executionId;
  notice.classList.add('ok');
  $('#notice-title').textContent = title;
  $('#notice-status').textContent = '';
  $('#notice-detail').textContent = detail || '';
  notice.dataset.status = '';
  notice.hidden = false;
}

function hideNotice() {
  $('#notice').hidden = true;
  delete $('#notice').dataset.executionId;
  delete $('#notice').dataset.job;
}

// ---------------------------------------------------------------- formatting

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

/** Job-repository times are local date-times of the service's zone: shown as they come, to the second. */
function localTime(value) {
  return value ? String(value).replace('T', ' ').replace(/\.\d+$/, '') : '–';
}

/** Instants (…Z) are shown in the browser's zone. */
function instant(value) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return escapeHtml(value);
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function seconds(total) {
  if (total === null || total === undefined || Number.isNaN(total)) return '–';
  if (total < 1) return `${Math.round(total * 1000)} ms`;
  if (total < 60) return `${total.toFixed(total < 10 ? 1 : 0)} s`;
  const m = Math.floor(total / 60);
  if (m < 60) return `${m} min ${Math.round(total % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

function duration(execution) {
  if (!execution.startTime) return '–';
  if (!execution.endTime) return 'running';
  // both ends are in the same (service) zone, so their difference is right whatever the browser's zone
  return seconds((Date.parse(execution.endTime) - Date.parse(execution.startTime)) / 1000);
}

function sumSteps(execution, field) {
  return (execution.steps || []).reduce((total, step) => total + (Number(step[field]) || 0), 0);
}

function jobLabel(name) {
  return name.replace(/Job$/, '');
}

// ---------------------------------------------------------------- rendering

/** Replaces an element's content only when it changed, so a refresh does not pull a button from under a click. */
function setHtml(element, html) {
  if (element.dataset.rendered !== html) {
    element.innerHTML = html;
    element.dataset.rendered = html;
  }
}

function statusBadge(status) {
  return `<span class="status ${escapeHtml(status)}">${escapeHtml(status)}</span>`;
}

function renderJob(job, executions) {
  const rows = executions.map(e => {
    const restartable = job.restartable !== false && (e.status === 'FAILED' || e.status === 'STOPPED');
    return `<tr data-execution-id="${e.id}" data-status="${escapeHtml(e.status)}">
      <td class="num">#${e.id}</td>
      <td>${statusBadge(e.status)}</td>
      <td class="when">${escapeHtml(localTime(e.startTime))}</td>
      <td class="num">${escapeHtml(duration(e))}</td>
      <td class="num">${sumSteps(e, 'readCount')}</td>
      <td class="num">${sumSteps(e, 'writeCount')}</td>
      <td class="num">${sumSteps(e, 'skipCount')}</td>
      <td class="exit">${escapeHtml(e.exitCode && e.exitCode !== e.status ? e.exitCode + ' · ' : '')}${escapeHtml(e.exitDescription || '')}</td>
      <td>${restartable ? `<button type="button" class="small" data-action="restart" data-execution-id="${e.id}">Restart</button>` : ''}</td>
    </tr>`;
  }).join('');
  const last = job.lastExecution;
  return `<section class="card job" data-job="${escapeHtml(job.name)}">
    <div class="card-head">
      <h2>${escapeHtml(job.name)} ${last ? statusBadge(last.status) : '<span class="muted">never ran</span>'}</h2>
      <button type="button" class="primary" data-action="launch" data-job="${escapeHtml(job.name)}">Run ${escapeHtml(jobLabel(job.name))} now</button>
    </div>
    <table class="grid executions">
      <thead><tr><th class="num">execution</th><th>status</th><th>started</th><th class="num">duration</th>
        <th class="num">read</th><th class="num">written</th><th class="num">skipped</th><th>exit description</th><th></th></tr></thead>
      <tbody>${rows || '<tr><td colspan="9" class="empty">no executions yet</td></tr>'}</tbody>
    </table>
  </section>`;
}

function renderFailures(page) {
  const items = page.content || [];
  setHtml($('#failures tbody'), items.map(f => {
    const requeued = Boolean(f.requeuedAt);
    return `<tr data-failure-id="${f.id}" data-requeued="${requeued}">
      <td class="num">#${f.id}</td>
      <td class="when">${instant(f.failedAt)}</td>
      <td>${escapeHtml(f.op)} ${escapeHtml(f.entity)} ${escapeHtml(f.entityId)}</td>
      <td><code>${escapeHtml(f.httpMethod || '')} ${escapeHtml(f.url || '')}</code></td>
      <td class="exit">${f.httpStatus ? `<strong>${escapeHtml(f.httpStatus)}</strong> ` : ''}${escapeHtml(f.reason || '')}${f.responseSnippet ? `<br><code>${escapeHtml(f.responseSnippet)}</code>` : ''}</td>
      <td class="num">${escapeHtml(f.attempts)}</td>
      <td>${requeued
        ? `<span class="status REQUEUED" title="${escapeHtml(instant(f.requeuedAt))}">re-queued</span>`
        : `<button type="button" class="small" data-action="retry" data-failure-id="${f.id}">Re-queue</button>`}</td>
    </tr>`;
  }).join('') || '<tr><td colspan="7" class="empty">no sync failures</td></tr>');
  const waiting = items.filter(f => !f.requeuedAt).length;
  $('#failure-count').textContent = String(waiting);
}

function recordLabel(entity, id) {
  return `${String(entity).toLowerCase()} ${id ?? '–'}`;
}

/** A JSON state shortened to its fields, for a table cell. */
function stateText(state) {
  if (!state || typeof state !== 'object') return '';
  return Object.entries(state).filter(([k]) => k !== 'id' && k !== 'remoteId')
    .map(([k, v]) => `${k}: ${typeof v === 'string' && v.length > 60 ? v.slice(0, 60) + '…' : v}`).join(' · ');
}

function renderPending(page) {
  $('#pending-total').textContent = `${page.totalElements} record${page.totalElements === 1 ? '' : 's'}`;
  setHtml($('#pending tbody'), (page.content || []).map(c => `<tr data-record="${escapeHtml(c.entity)} ${escapeHtml(c.entityId)}">
      <td>${escapeHtml(recordLabel(c.entity, c.entityId))}</td>
      <td>${escapeHtml(c.action)}</td>
      <td>${c.method ? `<code>${escapeHtml(c.method)} ${escapeHtml(c.path)}</code>` : '<span class="muted">no call</span>'}${c.note ? `<br><span class="state">${escapeHtml(c.note)}</span>` : ''}</td>
      <td class="num">${escapeHtml(c.entries)}</td>
      <td class="when">${escapeHtml(seconds(c.ageSeconds))}</td>
    </tr>`).join('') || '<tr><td colspan="5" class="empty">nothing waiting: the remote has every change</td></tr>');
}

function renderHistory(page) {
  $('#history').hidden = false;
  $('#history-title').textContent = `${recordLabel(lookedUp.entity, lookedUp.id)}: ${page.totalElements} event${page.totalElements === 1 ? '' : 's'}, newest first`;
  setHtml($('#history tbody'), (page.content || []).map(e => `<tr data-state="${escapeHtml(e.state)}">
      <td class="when">${instant(e.at)}</td>
      <td>${statusBadge(e.state)}</td>
      <td>${e.op ? `${escapeHtml(e.op)} <span class="muted">#${escapeHtml(e.changeId)}</span>` : escapeHtml(`${e.sourceOfTruth} repair: ${e.repair}`)}</td>
      <td>${e.exportExecutionId ? `#${escapeHtml(e.exportExecutionId)} ${escapeHtml(e.outcome)}` : ''}</td>
      <td class="state">${escapeHtml(stateText(e.payload))}</td>
    </tr>`).join('') || '<tr><td colspan="5" class="empty">no changes recorded for this record</td></tr>');
}

function renderDrift(result) {
  if (!result.ok) {
    $('#drift-summary').textContent = result.status === 404 ? 'no verify run has completed yet: run verify' : '';
    setHtml($('#drift tbody'), `<tr><td colspan="6" class="empty">${escapeHtml(result.status === 404
      ? 'no drift report yet' : result.body.detail || result.body.title)}</td></tr>`);
    return;
  }
  const report = result.body;
  $('#drift-summary').textContent = `execution #${report.verifyExecutionId}: ${report.exitDescription || ''}`;
  setHtml($('#drift tbody'), (report.rows.content || []).map(r => {
    const repairable = !r.repairedAt && r.kind !== 'PENDING';
    return `<tr data-record="${escapeHtml(r.entity)} ${escapeHtml(r.localId ?? r.remoteId)}" data-drift-id="${r.id}">
      <td>${escapeHtml(recordLabel(r.entity, r.localId))} <span class="muted">remote ${escapeHtml(r.remoteId ?? '–')}</span></td>
      <td>${statusBadge(r.kind)}</td>
      <td>${escapeHtml((r.fields || []).join(', '))}</td>
      <td class="state">${escapeHtml(stateText(r.localState)) || '<span class="muted">none</span>'}</td>
      <td class="state">${escapeHtml(stateText(r.remoteState)) || '<span class="muted">none</span>'}</td>
      <td>${r.repairedAt ? `<span class="status REPAIRED" title="${escapeHtml(r.repair)}">repaired</span>`
        : repairable ? `<button type="button" class="small" data-action="repair" data-source="LOCAL" data-drift-id="${r.id}" title="queue the database's state for the next export">database wins</button>
           <button type="button" class="small" data-action="repair" data-source="REMOTE" data-drift-id="${r.id}" title="write the remote's version here">remote wins</button>`
        : '<span class="muted">the next export sends it</span>'}</td>
    </tr>`;
  }).join('') || '<tr><td colspan="6" class="empty">no drift: both sides agree</td></tr>');
}

/** The launch banner names an execution: keep its status in step with the table. */
function followLaunch(jobs, histories) {
  const notice = $('#notice');
  const id = Number(notice.dataset.executionId);
  if (notice.hidden || !id) return;
  const index = jobs.findIndex(job => job.name === notice.dataset.job);
  const execution = index >= 0 && histories[index].ok
    ? (histories[index].body.content || []).find(e => e.id === id) : null;
  if (execution) $('#notice-detail').textContent = `execution #${id} is ${execution.status}`;
}

/** Bars per export run, oldest on the left: entries pending when the run fixed its window, and calls sent. */
function renderChart(exportExecutions) {
  const runs = exportExecutions.slice(0, CHART_RUNS).reverse().map(e => {
    // the export's window step says "window: change_log ids up to N, M entries pending"
    const pending = (e.steps || []).map(s => /(\d+) entries pending/.exec(s.exitDescription || ''))
      .find(Boolean);
    return {
      id: e.id,
      backlog: pending ? Number(pending[1]) : sumSteps(e, 'readCount'),
      calls: sumSteps(e, 'writeCount'),
      status: e.status,
    };
  });
  const chart = $('#chart');
  if (runs.length === 0) {
    setHtml(chart, '<div class="empty">no export runs yet</div>');
    return;
  }
  const width = 900, height = 190, left = 40, bottom = 22, top = 10;
  const max = Math.max(1, ...runs.map(r => Math.max(r.backlog, r.calls)));
  const slot = (width - left) / runs.length;
  const bar = Math.min(22, slot / 3);
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const ticks = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  let svg = `<svg viewBox="0 0 ${width} ${height}" role="img"
      aria-label="Backlog and export calls per export run">`;
  for (const t of ticks) {
    svg += `<line class="axis" x1="${left}" x2="${width}" y1="${y(t)}" y2="${y(t)}"/>`
      + `<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`;
  }
  runs.forEach((r, i) => {
    const x = left + i * slot + slot / 2;
    svg += `<rect class="bar-backlog" x="${x - bar - 1}" y="${y(r.backlog)}" width="${bar}" height="${y(0) - y(r.backlog)}">`
      + `<title>run #${r.id}: ${r.backlog} entries pending</title></rect>`
      + `<rect class="bar-calls" x="${x + 1}" y="${y(r.calls)}" width="${bar}" height="${y(0) - y(r.calls)}">`
      + `<title>run #${r.id}: ${r.calls} calls</title></rect>`
      + `<text x="${x}" y="${height - 6}" text-anchor="middle">#${r.id}</text>`;
  });
  svg += '</svg>';
  setHtml(chart, svg + `<div class="legend">
      <span><span class="swatch" style="background:#9db8ec"></span>backlog when the run started (entries)</span>
      <span><span class="swatch" style="background:var(--accent)"></span>export calls (net changes sent)</span></div>`);
}

/** Reads the few gauges and counters the dashboard shows from the Prometheus text format. */
function parsePrometheus(text) {
  const samples = [];
  for (const line of String(text).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const pair of (m[3] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
    samples.push({ name: m[1], labels, value: Number(m[4]) });
  }
  return samples;
}

function renderMetrics(result) {
  if (!result.ok) {
    for (const id of ['#backlog', '#oldest-age', '#export-calls']) {
      $(id).textContent = '–';
      $(id).title = `metrics unavailable (HTTP ${result.status})`;
    }
    return;
  }
  const samples = parsePrometheus(result.body);
  const first = prefix => samples.find(s => s.name.startsWith(prefix));
  const backlog = first('sync_changelog_backlog');
  const age = first('sync_changelog_oldest_age');
  $('#backlog').textContent = backlog && !Number.isNaN(backlog.value) ? String(backlog.value) : '–';
  $('#oldest-age').textContent = age ? (age.value > 0 ? seconds(age.value) : 'none waiting') : '–';
  const calls = samples.filter(s => s.name.startsWith('sync_export_calls'));
  const byOutcome = {};
  for (const c of calls) byOutcome[c.labels.outcome || '?'] = (byOutcome[c.labels.outcome || '?'] || 0) + c.value;
  $('#export-calls').textContent = String(calls.reduce((total, c) => total + c.value, 0));
  $('#export-calls-detail').textContent = Object.keys(byOutcome).length
    ? Object.entries(byOutcome).map(([k, v]) => `${v} ${k}`).join(' · ') : 'none yet';
}

// ---------------------------------------------------------------- refresh

function showLogin(problem) {
  const wasHidden = $('#login').hidden;
  $('#board').hidden = true;
  $('#login').hidden = false;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  if (problem) showProblem(problem);
  if (wasHidden) $('#username').focus();
}

async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    if (!credentials()) {
      showLogin();
      return;
    }
    const jobs = await call('GET', '/jobs');
    if (!jobs.ok) {
      if (jobs.status === 401) {
        signOut();
        showLogin(jobs.body);
      } else {
        showProblem(jobs.body, 'Reading the jobs');
      }
      return;
    }
    const [histories, failures, metrics, pending, drift, history] = await Promise.all([
      Promise.all(jobs.body.map(job => call('GET',
        `/jobs/${encodeURIComponent(job.name)}/executions?page=0&size=${Math.max(EXECUTIONS_SHOWN, CHART_RUNS)}`))),
      call('GET', '/sync/failures?page=0&size=20'),
      call('GET', '/actuator/prometheus', { accept: 'text/plain' }),
      call('GET', '/sync/pending?page=0&size=20'),
      call('GET', '/sync/drift?page=0&size=50'),
      lookedUp ? call('GET', `/sync/changes?entity=${lookedUp.entity}&id=${lookedUp.id}&page=0&size=50`) : null,
    ]);
    $('#login').hidden = true;
    $('#board').hidden = false;
    $('#sign-out').hidden = false;
    $('#who').textContent = `signed in as ${sessionStorage.getItem(CREDENTIALS_KEY + '.user') || '?'}`;

    setHtml($('#jobs'), jobs.body.map((job, i) => {
      const page = histories[i].ok ? histories[i].body.content || [] : [];
      return renderJob(job, page.slice(0, EXECUTIONS_SHOWN));
    }).join(''));
    const exportIndex = jobs.body.findIndex(job => /export/i.test(job.name));
    renderChart(exportIndex >= 0 && histories[exportIndex].ok ? histories[exportIndex].body.content || [] : []);
    if (failures.ok) renderFailures(failures.body);
    else showProblem(failures.body, 'Reading the sync failures');
    renderMetrics(metrics);
    if (pending.ok) renderPending(pending.body);
    renderDrift(drift);
    if (history && history.ok) renderHistory(history.body);
    followLaunch(jobs.body, histories);
    $('#refreshed').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } finally {
    refreshing = false;
  }
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    if ($('#auto-refresh').checked && !document.hidden) await refresh();
    scheduleRefresh();
  }, REFRESH_MS);
}

// ---------------------------------------------------------------- actions

async function act(button, method, path, context, success, { body, follow } = {}) {
  button.disabled = true;
  // the previous action's notice goes away at once, so what shows next is this action's answer
  hideNotice();
  try {
    const result = await call(method, path, { body });
    if (result.ok) {
      showSuccess(...success(result.body));
      // a launch's banner follows its execution on every refresh (see followLaunch)
      if (follow) Object.assign($('#notice').dataset, { job: follow(result.body), executionId: result.body.id });
    } else if (result.status === 401) {
      signOut();
      showLogin(result.body);
      return;
    } else {
      showProblem(result.body, context);
    }
    await refresh();
  } finally {
    button.disabled = false;
  }
}

document.addEventListener('click', event => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const { action } = button.dataset;
  if (action === 'launch') {
    const job = button.dataset.job;
    act(button, 'POST', `/jobs/${encodeURIComponent(job)}/executions`, `Launching ${job}`,
      e => [`${job} launched`, `execution #${e.id} is ${e.status}`], { follow: () => job });
  } else if (action === 'restart') {
    const id = button.dataset.executionId;
    const job = button.closest('section.job')?.dataset.job;
    act(button, 'POST', `/jobs/executions/${id}/restart`, `Restarting execution #${id}`,
      e => [`Execution #${id} restarted`, `new execution #${e.id} is ${e.status}`], { follow: () => job });
  } else if (action === 'repair' || action === 'repair-all') {
    const path = action === 'repair' ? `/sync/drift/${button.dataset.driftId}/repair` : '/sync/drift/repair';
    planRepair(button, path, button.dataset.source);
  } else if (action === 'retry') {
    const id = button.dataset.failureId;
    act(button, 'POST', `/sync/failures/${id}/retry`, `Re-queueing failure #${id}`,
      () => [`Failure #${id} re-queued`, 'the change is back in the change log for the next export run']);
  }
});

// ---------------------------------------------------------------- drift repair: dry run first, then confirm

async function planRepair(button, path, source) {
  button.disabled = true;
  hideNotice();
  try {
    const result = await call('POST', path, { body: { sourceOfTruth: source, dryRun: true } });
    if (!result.ok) {
      showProblem(result.body, 'Planning the repair');
      return;
    }
    plannedRepair = { path, body: { sourceOfTruth: source, dryRun: false } };
    const who = source === 'LOCAL' ? 'the database is right' : 'the remote is right';
    $('#repair-plan-title').textContent = `Repair (${who}): ${summary(result.body.totals)}`;
    $('#repair-plan-steps').innerHTML = result.body.steps.map(step => `<li>${escapeHtml(recordLabel(step.entity,
      step.localId ?? step.remoteId))} ${escapeHtml(step.kind)}: <strong>${escapeHtml(step.outcome === 'PLANNED'
      ? step.action : 'nothing')}</strong>${step.outcome === 'PLANNED' ? '' : ` <span class="muted">(${escapeHtml(step.detail)})</span>`}</li>`)
      .join('') + (result.body.truncated ? '<li class="muted">… and more</li>' : '');
    $('#repair-confirm').disabled = !result.body.totals.PLANNED;
    $('#repair-plan').hidden = false;
  } finally {
    button.disabled = false;
  }
}

function summary(totals) {
  return Object.entries(totals || {}).map(([k, v]) => `${v} ${k.toLowerCase()}`).join(', ') || 'nothing';
}

$('#repair-confirm').addEventListener('click', async () => {
  if (!plannedRepair) return;
  const { path, body } = plannedRepair;
  plannedRepair = null;
  $('#repair-plan').hidden = true;
  await act($('#repair-confirm'), 'POST', path, 'Repairing',
    r => ['Repair done', `${summary(r.totals)}${r.sourceOfTruth === 'LOCAL' ? ': the next export sends it' : ''}`],
    { body });
});

$('#repair-cancel').addEventListener('click', () => {
  plannedRepair = null;
  $('#repair-plan').hidden = true;
});

// ---------------------------------------------------------------- record lookup

$('#lookup-form').addEventListener('submit', async event => {
  event.preventDefault();
  const m = /^\s*(post|comment)s?\s*#?\s*(\d+)\s*$/i.exec($('#lookup').value);
  if (!m) {
    showProblem({ title: 'Which record?', detail: 'Type the kind and the id, e.g. "post 7" or "comment 12".' });
    return;
  }
  hideNotice();
  lookedUp = { entity: m[1].toUpperCase(), id: Number(m[2]) };
  const result = await call('GET', `/sync/changes?entity=${lookedUp.entity}&id=${lookedUp.id}&page=0&size=50`);
  if (result.ok) renderHistory(result.body);
  else showProblem(result.body, 'Reading the history');
});

$('#login-form').addEventListener('submit', async event => {
  event.preventDefault();
  signIn($('#username').value, $('#password').value);
  $('#password').value = '';
  hideNotice();
  await refresh();
});

$('#sign-out').addEventListener('click', () => {
  signOut();
  hideNotice();
  showLogin();
});

$('#notice-close').addEventListener('click', hideNotice);
$('#auto-refresh').addEventListener('change', () => { if ($('#auto-refresh').checked) refresh(); });

refresh().then(scheduleRefresh);
