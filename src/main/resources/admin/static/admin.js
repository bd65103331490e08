// Ledgerbridge admin pages: small enhancements; every page works without them.
(function () {
  'use strict';

  function selectionUi() {
    var form = document.getElementById('bulk-form');
    if (!form) { return; }
    var all = document.getElementById('select-all');
    var count = document.getElementById('selected-count');
    var boxes = function () { return form.querySelectorAll('input[type=checkbox][name=listId]'); };
    var update = function () {
      var list = boxes();
      var n = 0;
      list.forEach(function (b) { if (b.checked) { n++; } });
      count.textContent = n + ' selected';
      if (all) {
        all.checked = n > 0 && n === list.length;
        all.indeterminate = n > 0 && n < list.length;
      }
      form.querySelectorAll('#bulk-menu button[name=action]').forEach(function (b) { b.disabled = n === 0; });
    };
    if (all) {
      all.addEventListener('change', function () {
        boxes().forEach(function (b) { b.checked = all.checked; });
        update();
      });
    }
    form.addEventListener('change', function (e) {
      if (e.target && e.target.name === 'listId') { update(); }
    });
    update();
  }

  function expanders() {
    document.querySelectorAll('button.expand[aria-controls]').forEach(function (b) {
      b.addEventListener('click', function () {
        var row = document.getElementById(b.getAttribute('aria-controls'));
        var open = b.getAttribute('aria-expanded') === 'true';
        b.setAttribute('aria-expanded', open ? 'false' : 'true');
        b.textContent = open ? '+' : '−';
        b.title = open ? 'Show the lines of this invoice' : 'Hide the lines';
        if (row) { row.hidden = open; }
      });
    });
  }

  function confirmations() {
    document.querySelectorAll('form.confirm[data-confirm]').forEach(function (f) {
      f.addEventListener('submit', function (e) {
        if (!window.confirm(f.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });
  }

  // a file chosen in <input type=file data-fill=ID> is read into the textarea ID, which the form posts
  function fileFills() {
    document.querySelectorAll('input[type=file][data-fill]').forEach(function (input) {
      input.addEventListener('change', function () {
        var target = document.getElementById(input.getAttribute('data-fill'));
        if (!input.files.length || !target) { return; }
        input.files[0].text().then(function (text) { target.value = text; });
      });
    });
  }

  function closeMenusOnOutsideClick() {
    document.addEventListener('click', function (e) {
      document.querySelectorAll('details.menu[open]').forEach(function (d) {
        if (!d.contains(e.target)) { d.removeAttribute('open'); }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    selectionUi();
    expanders();
    confirmations();
    fileFills();
    closeMenusOnOutsideClick();
  });
}());
