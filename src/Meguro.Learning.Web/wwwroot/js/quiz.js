// Quiz attempt page: autosave, a local backup while offline, the countdown, and the result that
// appears by itself once the scoring job has run. Everything here is an enhancement: without
// JavaScript the page still works with 一時保存 / 提出する and a reload link.
(() => {
  'use strict';

  const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
  const text = {
    ja: {
      saving: '保存しています…',
      saved: (t) => `自動保存しました（${t}）`,
      offline: '接続できないため、解答はこの端末に一時保存しました。接続が戻りしだい送信します。',
      left: (m, s) => `残り ${m} 分 ${String(s).padStart(2, '0')} 秒`,
      minutes: (m) => `残り時間は ${m} 分です。`,
      timeUp: '制限時間になりました。提出します。',
      failed: '結果を取得できませんでした。画面を再読み込みしてください。',
    },
    en: {
      saving: 'Saving…',
      saved: (t) => `Saved automatically (${t})`,
      offline: 'No connection: your answers are kept on this device and will be sent when the connection returns.',
      left: (m, s) => `${m} min ${String(s).padStart(2, '0')} s left`,
      minutes: (m) => `${m} minutes left.`,
      timeUp: 'Time is up. Submitting.',
      failed: 'Could not get the result. Please reload the page.',
    },
  }[lang];

  const form = document.querySelector('form[data-autosave]');
  if (form) {
    setUpAutosave(form);
    setUpTimer(form);
  }
  const result = document.querySelector('[data-poll-url]');
  if (result) {
    pollForResult(result);
  }
  const finished = document.querySelector('#attempt-result[data-attempt-id]');
  if (finished) {
    localStorage.removeItem(backupKey(finished.dataset.attemptId));
  }

  function backupKey(id) {
    return `meguro-learning:attempt:${id}`;
  }

  function setUpAutosave(form) {
    const key = backupKey(form.dataset.attemptId);
    const status = document.getElementById('autosave-status');
    const serverStamp = Number(form.dataset.stamp || 0);
    let timer = 0;
    let pending = false;
    let inFlight = false;

    const backup = readBackup();
    if (backup && backup.stamp > serverStamp) {
      restore(backup.fields);
      pending = true;
      schedule(0);
    }

    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    window.addEventListener('online', () => { if (pending) schedule(0); });
    form.addEventListener('submit', () => {
      form.querySelector('input[name="stamp"]').value = String(Date.now());
    });

    function changed() {
      pending = true;
      writeBackup();
      schedule(700);
    }

    function schedule(delay) {
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    }

    async function save() {
      if (inFlight) { schedule(500); return; }
      inFlight = true;
      const data = new FormData(form);
      const stamp = Date.now();
      data.set('stamp', String(stamp));
      status.textContent = text.saving;
      try {
        const response = await fetch(form.dataset.saveUrl, {
          method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Autosave': '1' },
        });
        const body = await response.json().catch(() => ({}));
        if (response.ok && body.saved) {
          pending = false;
          status.textContent = text.saved(body.savedAt);
        } else {
          status.textContent = body.error || text.offline;
          if (response.status >= 500) schedule(5000);
        }
      } catch {
        status.textContent = text.offline;
        schedule(5000);
      } finally {
        inFlight = false;
      }
    }

    function fields() {
      const values = {};
      for (const [name, value] of new FormData(form)) {
        if (name === '__RequestVerificationToken' || name === 'stamp') continue;
        (values[name] ||= []).push(String(value));
      }
      return values;
    }

    function writeBackup() {
      try {
        localStorage.setItem(key, JSON.stringify({ stamp: Date.now(), fields: fields() }));
      } catch {
        // Storage full or disabled: the server copy is still saved.
      }
    }

    function readBackup() {
      try {
        return JSON.parse(localStorage.getItem(key) || 'null');
      } catch {
        return null;
      }
    }

    function restore(values) {
      for (const element of form.elements) {
        if (!element.name || !/^a\d/.test(element.name)) continue;
        const given = values[element.name] || [];
        if (element.type === 'radio' || element.type === 'checkbox') {
          element.checked = given.includes(element.value);
        } else if ('value' in element) {
          element.value = given[0] || '';
        }
      }
    }
  }

  function setUpTimer(form) {
    const timerElement = document.querySelector('.quiz-timer[data-deadline]');
    if (!timerElement) return;
    const announce = document.getElementById('timer-announce');
    // Count against the server's clock: the PC's clock may be wrong.
    const skew = Number(timerElement.dataset.now) - Date.now();
    const deadline = Number(timerElement.dataset.deadline);
    const announced = new Set();
    const tick = () => {
      const left = Math.max(0, deadline - (Date.now() + skew));
      const minutes = Math.floor(left / 60000);
      const seconds = Math.floor((left % 60000) / 1000);
      timerElement.textContent = `（${text.left(minutes, seconds)}）`;
      for (const mark of [5, 1]) {
        if (left <= mark * 60000 && left > (mark - 1) * 60000 && !announced.has(mark)) {
          announced.add(mark);
          announce.textContent = text.minutes(mark);
        }
      }
      if (left === 0) {
        announce.textContent = text.timeUp;
        clearInterval(interval);
        form.requestSubmit();
      }
    };
    const interval = setInterval(tick, 1000);
    tick();
  }

  // The server holds each request until the score is saved (at most 10 s: wait=10), so the result
  // shows the moment it exists. A quick 204 (no waiting, e.g. a proxy) backs off as before.
  function pollForResult(region) {
    const url = region.dataset.pollUrl + '&wait=10';
    let tries = 0;
    let failures = 0;
    const next = () => setTimeout(poll, tries < 20 ? 250 : tries < 80 ? 1000 : 5000);
    async function poll() {
      tries++;
      try {
        const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
        // Only the result fragment itself is put into the page: never a whole page that a
        // redirect (an expired sign-in, say) would have answered with.
        if (response.status === 200 && !response.redirected && response.headers.get('X-Attempt-Result') === '1') {
          region.innerHTML = await response.text();
          region.removeAttribute('data-poll-url');
          const heading = region.querySelector('h2');
          if (heading) heading.focus();
          return;
        }
        if (response.status !== 204) failures++;
      } catch {
        failures++;
      }
      if (failures > 5) {
        region.insertAdjacentHTML('beforeend', `<p role="alert"></p>`);
        region.lastElementChild.textContent = text.failed;
        return;
      }
      next();
    }
    poll();
  }
})();
