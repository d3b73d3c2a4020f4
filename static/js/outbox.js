/* The relais' phone never loses an entry (docs/offline.md).

   - Forms marked data-outbox (a new outing, situation or expense) are sent with
     fetch. When the network fails, the entry goes to an outbox in IndexedDB and is
     sent again on its own: when the network returns, when a page opens, and every
     30 seconds while something waits. Each entry carries a key made here
     (client_uuid): the server stores a key once, however often it is resent.
   - Forms marked data-draft keep a draft in localStorage as the relais types,
     restored after a crash, a reload or a new login, cleared once saved.
   - A refused entry stays in the outbox, marked "to correct", with its errors.
   - Signing out clears the outbox, the drafts and the cached pages of this phone.
   Without JavaScript the forms post as before, online only. */
(function () {
  "use strict";

  var config = document.querySelector("meta[name=tisseurs-offline]");
  if (!config) { return; }
  var USER = config.dataset.user;
  var OUTBOX_URL = config.dataset.outbox;
  var LOGIN_URL = config.dataset.login;
  var STRINGS = (document.getElementById("offline-strings") || { dataset: {} }).dataset;
  // The receipts' own limit (prestations/validators.py): a larger photo would be
  // refused by the server anyway, so it does not wait on the phone.
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var SEND_TIMEOUT_MS = 20000;
  var RETRY_EVERY_MS = 30000;
  var DB_NAME = "tisseurs";
  var STORE = "outbox";
  var PREFIX = "tisseurs:";
  var NIL_KEY = "00000000-0000-0000-0000-000000000000";

  function t(name, n) {
    var text = STRINGS[name] || name;
    return n === undefined ? text : text.replace("%(n)s", String(n));
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // --- IndexedDB: one store of entries, keyed by their client key --------------

  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  function tx(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var transaction = database.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { resolve(result && result.result); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function allEntries() {
    return tx("readonly", function (store) { return store.getAll(); }).then(function (rows) {
      return (rows || []).filter(function (entry) { return entry.user === USER; })
        .sort(function (a, b) { return a.createdAt - b.createdAt; });
    });
  }
  function putEntry(entry) { return tx("readwrite", function (store) { store.put(entry); }); }
  function deleteEntry(id) { return tx("readwrite", function (store) { store.delete(id); }); }
  function getEntry(id) {
    return tx("readonly", function (store) { return store.get(id); });
  }

  // --- Keys already used: a form brought back by Back must not reuse one -------

  function usedKeys() {
    try { return JSON.parse(localStorage.getItem(PREFIX + "used") || "[]"); } catch (e) { return []; }
  }
  function markUsed(key) {
    var keys = usedKeys().filter(function (k) { return k !== key; });
    keys.push(key);
    localStorage.setItem(PREFIX + "used", JSON.stringify(keys.slice(-300)));
  }

  // --- Reading and filling forms ------------------------------------------------

  var SKIPPED = { csrfmiddlewaretoken: true, version: true };

  function formPairs(form, submitter) {
    var pairs = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "submit" || el.type === "button") { return; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      if (el.type === "file") {
        Array.prototype.forEach.call(el.files || [], function (file) { pairs.push([el.name, file]); });
        return;
      }
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { pairs.push([el.name, o.value]); });
        return;
      }
      pairs.push([el.name, el.value]);
    });
    if (submitter && submitter.name) { pairs.push([submitter.name, submitter.value]); }
    return pairs;
  }

  function fillForm(form, pairs) {
    var values = {};
    pairs.forEach(function (pair) {
      if (typeof pair[1] === "string") { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); }
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIPPED[el.name] || !(el.name in values)) { return; }
      var wanted = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = wanted.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = wanted.indexOf(o.value) !== -1; });
      } else if (el.type !== "file") {
        el.value = wanted[0];
      }
    });
    // Unchecked boxes are absent from the pairs: uncheck those the draft left off.
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      if (box.name && !(box.name in values) && !SKIPPED[box.name]) { box.checked = false; }
    });
    var files = {};
    pairs.forEach(function (pair) {
      if (pair[1] instanceof Blob) { (files[pair[0]] = files[pair[0]] || []).push(pair[1]); }
    });
    Object.keys(files).forEach(function (name) {
      var input = form.querySelector("input[type=file][name='" + name + "']");
      if (!input || typeof DataTransfer === "undefined") { return; }
      var transfer = new DataTransfer();
      files[name].forEach(function (blob) {
        transfer.items.add(blob instanceof File ? blob : new File([blob], "photo", { type: blob.type }));
      });
      input.files = transfer.files;
    });
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (details) {
      if (Array.prototype.some.call(details.querySelectorAll("input"), function (i) { return i.value; })) {
        details.open = true;
      }
    });
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function keyInput(form) { return form.querySelector("input[name=client_uuid]"); }

  function ensureKey(form) {
    var input = keyInput(form);
    var reused = input && usedKeys().indexOf(input.value) !== -1 && input.value !== fixing();
    if (input && (!input.value || reused)) {
      input.value = newKey();
    }
    return input ? input.value : newKey();
  }

  function actionPath(form) {
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    return url.pathname + url.search;
  }

  // --- Drafts -------------------------------------------------------------------

  function draftName(form) {
    return PREFIX + "draft:" + USER + ":" + window.location.pathname + window.location.search +
      (form.id ? "#" + form.id : "");
  }
  function saveDraft(form) {
    var pairs = formPairs(form).filter(function (pair) {
      return typeof pair[1] === "string" && !SKIPPED[pair[0]];
    });
    try {
      localStorage.setItem(draftName(form), JSON.stringify({ savedAt: Date.now(), pairs: pairs }));
    } catch (e) { /* storage full: the form itself still works */ }
  }
  function readDraft(form) {
    try { return JSON.parse(localStorage.getItem(draftName(form)) || "null"); } catch (e) { return null; }
  }
  function clearDraft(form) { localStorage.removeItem(draftName(form)); }

  function notice(form, text, buttonLabel, onClick) {
    var box = document.createElement("div");
    box.className = "alert alert-info outbox-notice";
    box.setAttribute("role", "status");
    box.textContent = text + " ";
    if (buttonLabel) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link p-0 align-baseline";
      button.textContent = buttonLabel;
      button.addEventListener("click", function () { onClick(); box.remove(); });
      box.appendChild(button);
    }
    form.parentNode.insertBefore(box, form);
    return box;
  }

  function setUpDraft(form) {
    if (fixing()) { return; }  // correcting an outbox entry: the entry is the copy
    var draft = readDraft(form);
    var hasErrors = form.querySelector(".is-invalid, .invalid-feedback, .alert-danger");
    if (draft && !hasErrors) {
      fillForm(form, draft.pairs);
      notice(form, t("draftRestored"), t("draftClear"), function () {
        clearDraft(form);
        window.location.reload();
      });
    }
    var timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(function () { saveDraft(form); }, 250); }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  // --- Sending ------------------------------------------------------------------

  function currentToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return (input && input.value) || config.dataset.csrf;
  }

  function freshToken() {
    return fetch(OUTBOX_URL, { headers: { "X-Tisseurs-Outbox": "1" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) { if (data.csrf) { config.dataset.csrf = data.csrf; } })
      .catch(function () { /* offline: try again later */ });
  }

  /* One POST of an entry. Resolves to {kind: "saved", url} | {kind: "refused", errors}
     | {kind: "login"} | {kind: "retry"}; never rejects. */
  function send(entry, fromPage) {
    var body = new FormData();
    entry.fields.forEach(function (pair) {
      if (pair[0] === "csrfmiddlewaretoken") { return; }
      if (pair[1] instanceof Blob) {
        body.append(pair[0], pair[1], pair[1].name || "photo");
      } else {
        body.append(pair[0], pair[1]);
      }
    });
    body.append("csrfmiddlewaretoken", currentToken());
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS);
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      // "page": the relais is on this form and sees the next page's messages.
      headers: { "X-Tisseurs-Outbox": fromPage ? "page" : "1" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      clearTimeout(timer);
      if (response.redirected && new URL(response.url).pathname === LOGIN_URL) {
        return { kind: "login" };
      }
      var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
      if (response.status === 200 && json) {
        return response.json().then(function (data) { return { kind: "saved", url: data.url }; });
      }
      if (response.status === 400 && json) {
        return response.json().then(function (data) { return { kind: "refused", errors: data.errors }; });
      }
      // 409: a situation whose outing has not arrived yet; it goes after it.
      if (response.status === 409) { return { kind: "later" }; }
      if (response.status === 404) { return { kind: "refused", errors: { __all__: [t("gone")] } }; }
      if (response.status === 413) { return { kind: "refused", errors: { __all__: [t("tooLarge")] } }; }
      if (response.status === 403) { return freshToken().then(function () { return { kind: "retry" }; }); }
      return { kind: "retry" };
    }).catch(function () {
      clearTimeout(timer);
      return { kind: "retry" };
    });
  }

  var flushing = null;
  /* Send what waits, oldest first. `all` also resends the entries to correct (a
     replay of one already stored answers "saved" and takes it off the list). */
  function flush(all) {
    if (flushing) { return flushing; }
    // The phone knows it has no network: nothing to try until "online" fires (the
    // retry timer keeps going). `true` is only a hope, so then the send decides.
    if (navigator.onLine === false) { return render(); }
    flushing = allEntries().then(function (entries) {
      var queue = entries.filter(function (e) { return all || e.status === "waiting" || e.status === "login"; });
      function next(index) {
        if (index >= queue.length) { return null; }
        var entry = queue[index];
        return send(entry).then(function (result) {
          if (result.kind === "saved") {
            return deleteEntry(entry.id).then(function () { return next(index + 1); });
          }
          if (result.kind === "refused") {
            entry.status = "fix";
            entry.errors = result.errors || {};
            return putEntry(entry).then(function () { return next(index + 1); });
          }
          if (result.kind === "later") { return next(index + 1); }
          if (result.kind === "login") {
            entry.status = "login";
            return putEntry(entry);  // the session ended: stop until the relais signs in
          }
          return null;  // no network: stop, try later
        });
      }
      return next(0);
    }).catch(function () { /* IndexedDB unavailable: nothing can wait */ })
      .then(function () { flushing = null; return render(); });
    return flushing;
  }

  function summarise(form) {
    var parts = [];
    var date = form.querySelector("input[name=date]");
    if (date && date.value) { parts.push(date.value.split("-").reverse().join("/")); }
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (radio) {
      var label = form.querySelector("label[for='" + radio.id + "']");
      if (label && parts.length < 3) { parts.push(label.textContent.replace(/\s+/g, " ").trim()); }
    });
    return parts.join(" · ");
  }

  function queue(form, submitter, key) {
    var dropped = false;
    var fields = formPairs(form, submitter).filter(function (pair) {
      if (pair[1] instanceof Blob && pair[1].size > MAX_FILE_BYTES) { dropped = true; return false; }
      // The month's version guards a page seen before someone else changed the
      // month; an entry sent later would always be stale (another waiting expense
      // changes it). The server still refuses it when the month has closed.
      return pair[0] !== "csrfmiddlewaretoken" && pair[0] !== "version";
    });
    var entry = {
      id: key,
      user: USER,
      kind: form.dataset.outbox,
      url: actionPath(form),
      page: window.location.pathname + window.location.search,
      label: summarise(form),
      fields: fields,
      status: "waiting",
      errors: {},
      droppedFile: dropped,
      createdAt: Date.now()
    };
    return putEntry(entry).then(function () {
      markUsed(key);
      clearDraft(form);
      var message = t("queued") + (dropped ? " " + t("tooBig") : "");
      sessionStorage.setItem(PREFIX + "flash", message);
      if (submitter && submitter.name === "another") {
        window.location.reload();
      } else if (submitter && submitter.name === "add_situation" && config.dataset.pendingSituation) {
        // The outing waits: its situations are noted on a form named by its key.
        window.location.assign(config.dataset.pendingSituation.replace(NIL_KEY, key));
      } else {
        window.location.assign(OUTBOX_URL);
      }
    });
  }

  function resubmitNatively(form, submitter) {
    form.dataset.outboxBypass = "1";
    if (submitter && submitter.name) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
    }
    form.submit();
  }

  function setUpOutboxForm(form) {
    ensureKey(form);
    window.addEventListener("pageshow", function () { ensureKey(form); });
    var busy = false;
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter || document.activeElement;
      if (form.dataset.outboxBypass || (submitter && /_search$/.test(submitter.name || ""))) { return; }
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      var key = ensureKey(form);
      var fixingId = fixing();
      var entry = { url: actionPath(form), fields: formPairs(form, submitter) };
      var attempt = navigator.onLine === false
        ? Promise.resolve({ kind: "retry" })
        : send(entry, true);
      attempt.then(function (result) {
        if (result.kind === "saved") {
          markUsed(key);
          clearDraft(form);
          return deleteEntry(key).then(function () {
            return fixingId && fixingId !== key ? deleteEntry(fixingId) : null;
          }).catch(function () {}).then(function () { window.location.assign(result.url); });
        }
        if (result.kind === "refused") {
          // The server shows its errors on the form, with everything typed.
          resubmitNatively(form, submitter);
          return null;
        }
        if (result.kind === "login") {
          saveDraft(form);
          var back = window.location.pathname + window.location.search;
          window.location.assign(LOGIN_URL + "?next=" + encodeURIComponent(back));
          return null;
        }
        return queue(form, submitter, key);
      }).catch(function () {
        busy = false;
        resubmitNatively(form, submitter);
      });
    });
  }

  // --- Correcting an entry the server refused ------------------------------------

  function fixing() {
    var match = /outbox-fix=([0-9a-f-]+)/.exec(window.location.hash);
    return match ? match[1] : null;
  }

  function openFix(form) {
    var id = fixing();
    if (!id) { return; }
    getEntry(id).then(function (entry) {
      if (!entry || entry.user !== USER) { return; }
      fillForm(form, entry.fields);
      var box = document.createElement("div");
      box.className = "alert alert-danger outbox-errors";
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      var heading = document.createElement("p");
      heading.className = "fw-semibold mb-1";
      heading.textContent = t("errorsHeading");
      box.appendChild(heading);
      var list = document.createElement("ul");
      list.className = "mb-0";
      Object.keys(entry.errors || {}).forEach(function (field) {
        var input = form.querySelector("[name='" + field + "']");
        var label = input && input.id ? form.querySelector("label[for='" + input.id + "']") : null;
        if (input) { input.classList.add("is-invalid"); }
        entry.errors[field].forEach(function (message) {
          var item = document.createElement("li");
          item.textContent = (label && field !== "__all__" ? label.textContent.trim() + " : " : "") + message;
          list.appendChild(item);
        });
      });
      box.appendChild(list);
      form.parentNode.insertBefore(box, form);
      box.focus();
    });
  }

  // --- What waits: the banner, the home badge, the outbox page --------------------

  function counts(entries) {
    var c = { sortie: 0, situation: 0, depense: 0, fix: 0, login: false };
    entries.forEach(function (e) {
      if (e.status === "fix") { c.fix += 1; } else { c[e.kind] = (c[e.kind] || 0) + 1; }
      if (e.status === "login") { c.login = true; }
    });
    return c;
  }

  function summaryText(c) {
    var parts = [];
    ["sortie", "situation", "depense"].forEach(function (kind) {
      if (c[kind]) { parts.push(t(kind + (c[kind] === 1 ? "One" : "Many"), c[kind])); }
    });
    if (c.fix) { parts.push(t(c.fix === 1 ? "fixOne" : "fixMany", c.fix)); }
    return parts.join(" · ");
  }

  function render() {
    return allEntries().then(function (entries) {
      var c = counts(entries);
      var text = summaryText(c) + (c.login ? " " + t("login") : "");
      document.querySelectorAll("[data-outbox-banner]").forEach(function (banner) {
        banner.hidden = !entries.length || window.location.pathname === OUTBOX_URL;
        var summary = banner.querySelector("[data-outbox-summary]");
        if (summary) { summary.textContent = text; }
      });
      document.querySelectorAll("[data-outbox-link]").forEach(function (link) {
        link.hidden = !entries.length;
        var count = link.querySelector("[data-outbox-count]");
        if (count) { count.textContent = String(entries.length); }
      });
      var page = document.querySelector("[data-outbox-list]");
      if (page) { renderPage(page, entries, text); }
      if (entries.some(function (e) { return e.status === "waiting"; })) { schedule(); }
      return entries;
    }).catch(function () { return []; });
  }

  function renderPage(page, entries, text) {
    var status = document.querySelector("[data-outbox-status]");
    if (status) { status.textContent = entries.length ? text : t("empty"); }
    page.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = "list-group-item outbox-entry";
      item.dataset.status = entry.status;
      var title = document.createElement("p");
      title.className = "fw-semibold mb-1";
      title.textContent = t("kind_" + entry.kind) + (entry.label ? " · " + entry.label : "");
      item.appendChild(title);
      var state = document.createElement("p");
      state.className = "mb-1 small";
      state.textContent = t("status_" + entry.status) + " · " +
        new Date(entry.createdAt).toLocaleString(document.documentElement.lang || undefined);
      item.appendChild(state);
      if (entry.droppedFile) {
        var dropped = document.createElement("p");
        dropped.className = "mb-1 small text-danger";
        dropped.textContent = t("tooBig");
        item.appendChild(dropped);
      }
      if (entry.status === "fix") {
        var list = document.createElement("ul");
        list.className = "small text-danger mb-1";
        Object.keys(entry.errors || {}).forEach(function (field) {
          entry.errors[field].forEach(function (message) {
            var li = document.createElement("li");
            li.textContent = message;
            list.appendChild(li);
          });
        });
        item.appendChild(list);
        var fix = document.createElement("a");
        fix.className = "btn btn-primary me-2";
        fix.href = entry.page + "#outbox-fix=" + entry.id;
        fix.textContent = t("fix");
        item.appendChild(fix);
      }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-outline-danger";
      remove.textContent = t("remove");
      remove.addEventListener("click", function () {
        if (window.confirm(t("removeConfirm"))) { deleteEntry(entry.id).then(render); }
      });
      item.appendChild(remove);
      page.appendChild(item);
    });
  }

  var retryTimer = null;
  function schedule() {
    if (retryTimer) { return; }
    retryTimer = setTimeout(function () { retryTimer = null; flush(false); }, RETRY_EVERY_MS);
  }

  // --- Signing out, and another person on the same phone -------------------------

  function wipe() {
    Object.keys(localStorage).forEach(function (name) {
      if (name.indexOf(PREFIX) === 0) { localStorage.removeItem(name); }
    });
    var jobs = [tx("readwrite", function (store) { store.clear(); }).catch(function () {})];
    if (window.caches) {
      jobs.push(caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      }).catch(function () {}));
    }
    return Promise.all(jobs);
  }

  function clearPages() {
    if (!window.caches) { return Promise.resolve(); }
    return caches.delete("tisseurs-pages").catch(function () {});
  }

  function setUpLogout() {
    document.querySelectorAll("form[data-logout]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.wiped) { return; }
        event.preventDefault();
        allEntries().catch(function () { return []; }).then(function (entries) {
          if (entries.length && !window.confirm(t("logoutConfirm"))) { return; }
          wipe().then(function () { form.dataset.wiped = "1"; form.submit(); });
        });
      });
    });
  }

  // --- Start ------------------------------------------------------------------------

  function start() {
    var cleared = Promise.resolve();
    if (localStorage.getItem(PREFIX + "owner") !== USER) {
      cleared = clearPages();  // another person's pages never open offline for this one
      localStorage.setItem(PREFIX + "owner", USER);
    }
    var flash = sessionStorage.getItem(PREFIX + "flash");
    if (flash) {
      sessionStorage.removeItem(PREFIX + "flash");
      var main = document.getElementById("main");
      var box = document.createElement("div");
      box.className = "alert alert-warning";
      box.setAttribute("role", "status");
      box.textContent = flash;
      if (main) { main.insertBefore(box, main.firstChild); }
    }
    document.querySelectorAll("form[data-draft]").forEach(setUpDraft);
    document.querySelectorAll("form[data-outbox]").forEach(function (form) {
      setUpOutboxForm(form);
      openFix(form);
    });
    document.querySelectorAll("[data-outbox-send]").forEach(function (button) {
      button.addEventListener("click", function () { flush(true); });
    });
    setUpLogout();
    window.addEventListener("online", function () { flush(false); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { flush(false); }
    });
    render().then(function () { flush(false); });
    if ("serviceWorker" in navigator && config.dataset.sw) {
      cleared.then(function () {
        return navigator.serviceWorker.register(config.dataset.sw, { scope: "/" });
      }).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        var pages = (config.dataset.pages || "").split(" ").filter(Boolean);
        // Once the page has settled: keeping the other pages is never urgent.
        setTimeout(function () {
          if (registration.active) { registration.active.postMessage({ type: "warm", urls: pages }); }
        }, 1500);
      }).catch(function () { /* no service worker: pages need the network */ });
    }
  }

  // Exposed for the browser tests and the measurement script.
  window.tisseursOutbox = { entries: allEntries, flush: flush };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
