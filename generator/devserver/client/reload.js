// Live reload for "archive serve". The preview server inserts this script
// into every page it serves (never into "archive build" output). It listens
// to the server's event stream and, after each rebuild, reloads the page,
// swaps changed stylesheets in place, or shows the build error over the
// page; check's warnings about the files being edited show as a small
// notice in a corner, until dismissed. Everything from the server is
// inserted as text, never as HTML.
(function () {
  'use strict';

  var KEY = 'archive-serve-build';
  var DISMISSED = 'archive-serve-dismissed';
  var OVERLAY = 'archive-overlay';
  var NOTICE = 'archive-notice';

  function remember(build) {
    try { sessionStorage.setItem(KEY, build); } catch (e) { /* storage off */ }
  }
  function recalled() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function el(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function stylesheet() {
    if (document.getElementById(OVERLAY + '-css')) return;
    var link = document.createElement('link');
    link.id = OVERLAY + '-css';
    link.rel = 'stylesheet';
    link.href = '/_archive/overlay.css';
    document.head.appendChild(link);
  }

  function hideOverlay() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function location_(p) {
    var s = p.path || '';
    if (p.line) s += ':' + p.line;
    if (p.line && p.col) s += ':' + p.col;
    return s;
  }

  function showOverlay(d) {
    stylesheet();
    hideOverlay();
    var box = el('div');
    box.id = OVERLAY;
    box.setAttribute('role', 'alert');
    var panel = el('div', 'ao-panel');
    var head = el('div', 'ao-head');
    head.appendChild(el('strong', 'ao-title', 'The build failed'));
    head.appendChild(el('span', 'ao-note', d.build
      ? 'You are seeing the last good build. Save a fix and this page reloads.'
      : 'Save a fix and this page reloads.'));
    var close = el('button', 'ao-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Hide this message');
    close.addEventListener('click', hideOverlay);
    head.appendChild(close);
    panel.appendChild(head);
    (d.errors || []).forEach(function (p) {
      var item = el('section', 'ao-problem');
      var where = location_(p);
      if (where) item.appendChild(el('p', 'ao-file', where));
      item.appendChild(el('p', 'ao-msg', p.msg));
      if (p.lines && p.lines.length) {
        var pre = el('pre', 'ao-src');
        var width = String(p.lines[p.lines.length - 1].n).length;
        p.lines.forEach(function (l) {
          var row = el('span', l.mark ? 'ao-line ao-mark' : 'ao-line');
          var n = String(l.n);
          while (n.length < width) n = ' ' + n;
          row.appendChild(el('span', 'ao-n', n));
          row.appendChild(document.createTextNode(' ' + l.text));
          pre.appendChild(row);
          pre.appendChild(document.createTextNode('\n'));
          if (l.mark && p.col) {
            var pad = new Array(width + 2).join(' ') + new Array(Math.max(0, p.col)).join(' ');
            pre.appendChild(el('span', 'ao-caret', pad + '^'));
            pre.appendChild(document.createTextNode('\n'));
          }
        });
        item.appendChild(pre);
      }
      panel.appendChild(item);
    });
    if (d.more) panel.appendChild(el('p', 'ao-more', '… and ' + d.more + ' more'));
    box.appendChild(panel);
    (document.body || document.documentElement).appendChild(box);
  }

  function hideNotice() {
    var old = document.getElementById(NOTICE);
    if (old) old.remove();
  }

  // showNotice lists the warnings, unless the reader dismissed this very
  // list before (it comes back with every reload otherwise).
  function showNotice(warnings) {
    hideNotice();
    if (!warnings || !warnings.length) return;
    var key = JSON.stringify(warnings);
    try { if (sessionStorage.getItem(DISMISSED) === key) return; } catch (e) { /* storage off */ }
    stylesheet();
    var box = el('aside');
    box.id = NOTICE;
    box.setAttribute('role', 'status');
    box.setAttribute('aria-label', 'Warnings from archive check');
    var head = el('div', 'an-head');
    head.appendChild(el('strong', 'an-title', warnings.length === 1
      ? '1 warning in the files you edited'
      : warnings.length + ' warnings in the files you edited'));
    var close = el('button', 'an-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Dismiss these warnings');
    close.addEventListener('click', function () {
      try { sessionStorage.setItem(DISMISSED, key); } catch (e) { /* storage off */ }
      hideNotice();
    });
    head.appendChild(close);
    box.appendChild(head);
    var list = el('ul', 'an-list');
    warnings.forEach(function (w) {
      var item = el('li');
      var where = location_(w);
      if (where) item.appendChild(el('span', 'an-file', where));
      item.appendChild(el('span', 'an-msg', w.msg));
      list.appendChild(item);
    });
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  function swapStylesheets(swaps) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var next = swaps[new URL(old.href, location.href).pathname];
      if (!next) return;
      var link = old.cloneNode(false);
      link.href = next;
      var done = function () { old.remove(); };
      link.addEventListener('load', done);
      link.addEventListener('error', done);
      old.parentNode.insertBefore(link, old.nextSibling);
    });
  }

  if (typeof EventSource === 'undefined') return;
  var es = new EventSource('/_archive/events');

  es.addEventListener('hello', function (e) {
    var d = JSON.parse(e.data);
    if (!d.build) return;
    var seen = recalled();
    remember(d.build);
    // A page served by an older build (or by a server since restarted).
    if (seen && seen !== d.build) {
      location.reload();
      return;
    }
    showNotice(d.warnings);
  });

  es.addEventListener('reload', function (e) {
    remember(JSON.parse(e.data).build);
    es.close();
    location.reload();
  });

  es.addEventListener('css', function (e) {
    var d = JSON.parse(e.data);
    remember(d.build);
    hideOverlay();
    showNotice(d.warnings);
    if (!d.css || Object.keys(d.css).length === 0) {
      es.close();
      location.reload();
      return;
    }
    swapStylesheets(d.css);
  });

  // Named "builderror": EventSource's own "error" is for the connection.
  es.addEventListener('builderror', function (e) {
    showOverlay(JSON.parse(e.data));
  });
})();
