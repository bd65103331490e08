// Authorize.Net's Accept.js on a Ledgerbridge form. The card fields are made here without a name, so the browser never
// posts them: Accept.js sends the card straight to Authorize.Net and returns opaque data (a payment nonce), and only
// that is posted back (dataDescriptor, dataValue). Reads data-api-login-id and data-client-key of #hosted-fields.
(function () {
  'use strict';
  var box = document.getElementById('hosted-fields');
  if (!box) {
    return;
  }
  var errors = document.getElementById('card-errors');
  var form = box.closest('form');
  function fail(message) {
    errors.textContent = message;
    errors.hidden = false;
  }
  if (typeof Accept === 'undefined' || typeof Accept.dispatchData !== 'function') {
    fail('The secure card form could not be loaded. Check your connection and reload the page.');
    return;
  }
  var holder = document.getElementById('card-element');
  function field(id, label, attrs) {
    var l = document.createElement('label');
    l.setAttribute('for', id);
    l.textContent = label;
    var i = document.createElement('input');
    i.id = id;
    i.type = 'text';
    i.required = true;
    Object.keys(attrs).forEach(function (k) { i.setAttribute(k, attrs[k]); });
    var row = document.createElement('div');
    row.className = 'hosted-field';
    row.appendChild(l);
    row.appendChild(document.createTextNode(' '));
    row.appendChild(i);
    holder.appendChild(row);
    return i;
  }
  var number = field('anet-card-number', 'Card number', {inputmode: 'numeric', autocomplete: 'cc-number',
    maxlength: '23', pattern: '[0-9 ]{12,23}'});
  var month = field('anet-exp-month', 'Expiry month (MM)', {inputmode: 'numeric', autocomplete: 'cc-exp-month',
    maxlength: '2', pattern: '[0-9]{1,2}', size: '3'});
  var year = field('anet-exp-year', 'Expiry year (YYYY)', {inputmode: 'numeric', autocomplete: 'cc-exp-year',
    maxlength: '4', pattern: '[0-9]{4}', size: '5'});
  var code = field('anet-card-code', 'Security code', {inputmode: 'numeric', autocomplete: 'cc-csc',
    maxlength: '4', pattern: '[0-9]{3,4}', size: '5'});
  var busy = false;
  form.addEventListener('submit', function (ev) {
    if (form.getAttribute('data-confirmed') === 'yes') {
      return;
    }
    ev.preventDefault();
    if (busy || !form.reportValidity()) {
      return;
    }
    busy = true;
    var submit = form.querySelector('button[type=submit]');
    if (submit) {
      submit.disabled = true;
    }
    var secureData = {
      authData: {clientKey: box.getAttribute('data-client-key'), apiLoginID: box.getAttribute('data-api-login-id')},
      cardData: {cardNumber: number.value.replace(/\D/g, ''), month: ('0' + month.value).slice(-2),
        year: year.value, cardCode: code.value}
    };
    Accept.dispatchData(secureData, function (response) {
      busy = false;
      if (submit) {
        submit.disabled = false;
      }
      if (!response || !response.messages || response.messages.resultCode !== 'Ok') {
        var m = response && response.messages && response.messages.message || [];
        fail(m.length ? m.map(function (x) { return x.text; }).join(' ') : 'The card was not accepted.');
        return;
      }
      [number, month, year, code].forEach(function (i) { i.value = ''; });
      form.querySelector('input[name=dataDescriptor]').value = response.opaqueData.dataDescriptor;
      form.querySelector('input[name=dataValue]').value = response.opaqueData.dataValue;
      form.setAttribute('data-confirmed', 'yes');
      form.submit();
    });
  });
}());
