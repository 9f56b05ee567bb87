// Reception and counsellor screens: keyboard keys, and an offline queue (SPEC §4, docs/visits.md).
// Each entry gets a uuid when it is made; entries wait in localStorage until POST /api/v1/visits accepts
// them, so a flaky connection loses none, and a resent uuid is counted once by the server.
(function () {
  'use strict';
  var form = document.querySelector('form[data-visit-form]');
  if (!form || !window.fetch || !window.localStorage) return;
  var KEY = 'maillage.visits.queue';
  var structureId = Number(form.dataset.structureId);
  var list = document.querySelector('[data-last-entries]');
  var queueStatus = document.querySelector('[data-queue-status]');
  var sending = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; } }
  function save(q) { localStorage.setItem(KEY, JSON.stringify(q)); showQueue(); }
  function showQueue() {
    var n = load().length;
    if (queueStatus) queueStatus.textContent = n > 0 ? ' · ' + n + ' ' + form.dataset.queuedText : '';
  }

  // The form's fields carry the API's names and values: Input.publicStatus = "jobSeeker".
  function toRecord(submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var r = { clientId: uuid(), structureId: structureId, occurredAt: new Date().toISOString(), kind: form.dataset.kind, needs: [], services: [] };
    data.forEach(function (value, name) {
      if (name.indexOf('Input.') !== 0 || value === '') return;
      var key = name.charAt(6).toLowerCase() + name.slice(7);
      if (key === 'clientId') return;
      if (key === 'needs' || key === 'services') r[key].push(value);
      else if (key === 'firstVisit') r[key] = value === 'true';
      else if (key === 'partnerId') r[key] = Number(value);
      else r[key] = value;
    });
    // No need or service unless someone chose it: an entry without is stored as "not stated" (docs/visits.md).
    if (!r.gender) r.gender = 'notSaid';
    if (!r.channel) r.channel = form.dataset.channel || 'walkIn';
    return r;
  }

  function bump(kind) {
    var el = document.querySelector('[data-count="' + (kind === 'interview' ? 'interviews' : 'visits') + '"]');
    if (el) el.textContent = String(Number(el.textContent) + 1);
  }

  function label(r) {
    var parts = [];
    ['publicStatus', 'ageBracket', 'gender'].forEach(function (f) {
      var input = form.querySelector('[name="Input.' + f.charAt(0).toUpperCase() + f.slice(1) + '"][value="' + r[f] + '"]');
      // A tile is a radio with its label, or (the last step) a submit button whose own text is the label.
      var shown = input && input.labels && input.labels[0] ? input.labels[0] : (input && input.tagName === 'BUTTON' ? input : null);
      var l = shown ? shown.cloneNode(true) : null;
      if (l) l.querySelectorAll('kbd').forEach(function (k) { k.remove(); });
      parts.push(l ? l.textContent.trim() : r[f]);
    });
    // In the page's language and on 24 hours, as the server writes the entries it lists (HH:mm), not the browser's.
    return new Date(r.occurredAt).toLocaleTimeString(document.documentElement.lang || [], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) + ' · ' + parts.join(' · ');
  }

  function addEntry(r, queued) {
    if (!list) return;
    var empty = document.querySelector('[data-no-entries]');
    if (empty) empty.remove();
    var li = document.createElement('li');
    li.dataset.clientId = r.clientId;
    var span = document.createElement('span');
    span.textContent = label(r);
    li.appendChild(span);
    li.appendChild(queued ? removeButton(r) : undoForm(r));
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 5) list.removeChild(list.lastChild);
  }
  function undoForm(r) {
    var f = document.createElement('form');
    f.method = 'post'; f.action = list.dataset.undoAction; f.className = 'inline-form';
    [['clientId', r.clientId], ['__RequestVerificationToken', list.dataset.token]].forEach(function (p) {
      var i = document.createElement('input'); i.type = 'hidden'; i.name = p[0]; i.value = p[1]; f.appendChild(i);
    });
    var b = document.createElement('button'); b.type = 'submit'; b.className = 'button button-secondary'; b.textContent = list.dataset.undoText;
    f.appendChild(b);
    return f;
  }
  function removeButton(r) {
    var b = document.createElement('button'); b.type = 'button'; b.className = 'button button-secondary'; b.textContent = list.dataset.removeText;
    b.addEventListener('click', function () {
      save(load().filter(function (x) { return x.clientId !== r.clientId; }));
      var li = b.closest('li'); if (li) li.remove();
    });
    return b;
  }
  function markSent(ids) {
    if (!list) return;
    ids.forEach(function (id) {
      var li = list.querySelector('li[data-client-id="' + id + '"]');
      var button = li && li.querySelector('button[type="button"]');
      if (button) button.replaceWith(undoForm({ clientId: id }));
    });
  }

  function csrfToken() {
    var input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  }

  function flush() {
    var q = load();
    if (sending || q.length === 0) return Promise.resolve();
    sending = true;
    var batch = q.slice(0, 1000);
    return fetch('/api/v1/visits', {
      method: 'POST', credentials: 'same-origin',
      // The antiforgery token of the page's forms: a cookie-authenticated write to the API needs it (or a same-origin Origin).
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': csrfToken() },
      body: JSON.stringify(batch)
    }).then(function (response) {
      var sent = batch.map(function (r) { return r.clientId; });
      if (response.status === 201) {
        save(load().filter(function (r) { return sent.indexOf(r.clientId) < 0; }));
        markSent(sent);
      } else if (response.status === 422 || response.status === 400) {
        // The batch was refused whole: drop the entry it names (it can never be accepted), keep the rest.
        return response.json().then(function (problem) {
          var key = Object.keys(problem.errors || {})[0] || '';
          var m = /^\[(\d+)\]/.exec(key);
          var bad = m ? batch[Number(m[1])] : batch.length === 1 ? batch[0] : null;
          if (bad) save(load().filter(function (r) { return r.clientId !== bad.clientId; }));
          if (window.console) console.warn('Visit refused', problem);
          if (queueStatus) queueStatus.textContent = ' · ' + (problem.title || '');
        });
      }
    }).catch(function () { /* offline: the entries wait */ })
      .then(function () { sending = false; });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var submitter = event.submitter || document.activeElement;
    var record = toRecord(submitter);
    if (!record.publicStatus || !record.ageBracket) { form.submit(); return; } // let the server explain what is missing
    var q = load(); q.push(record); save(q);
    bump(record.kind);
    addEntry(record, true);
    ['PublicStatus', 'AgeBracket'].forEach(function (f) {
      form.querySelectorAll('[name="Input.' + f + '"]').forEach(function (i) { i.checked = false; });
    });
    var first = form.querySelector('[name="Input.PublicStatus"]');
    if (first) first.focus();
    flush();
  });

  // Keys: the tile or button whose data-key matches (digits for the public, A-E for the age, F/H/X/N record).
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    var t = event.target;
    if (t && (t.tagName === 'INPUT' && t.type === 'text' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    var key = event.key.length === 1 ? event.key.toUpperCase() : null;
    if (!key) return;
    var target = form.querySelector('[data-key="' + key + '"]');
    if (!target) return;
    event.preventDefault();
    if (target.tagName === 'BUTTON') { if (form.requestSubmit) form.requestSubmit(target); else target.click(); }
    else { target.checked = true; target.focus(); }
  });

  window.addEventListener('online', flush);
  setInterval(flush, 10000); // also when the 'online' event never comes (a captive portal, a sleeping tablet)
  showQueue();
  flush();
})();
