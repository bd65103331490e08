// Stripe's hosted card field on a Ledgerbridge form. The card number is typed into Stripe.js's own field and sent by
// Stripe.js to Stripe; this script then confirms the form's SetupIntent and posts back only the SetupIntent's and
// PaymentMethod's ids. Reads data-publishable-key and data-client-secret of #hosted-fields.
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
  if (typeof Stripe !== 'function') {
    fail('The secure card form could not be loaded. Check your connection and reload the page.');
    return;
  }
  var stripe = Stripe(box.getAttribute('data-publishable-key'));
  var card = stripe.elements().create('card');
  card.mount('#card-element');
  card.on('change', function (ev) {
    errors.textContent = ev.error ? ev.error.message : '';
    errors.hidden = !ev.error;
  });
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
    var name = form.querySelector('[data-card-name]');
    var details = name && name.value ? {name: name.value} : {};
    stripe.confirmCardSetup(box.getAttribute('data-client-secret'),
        {payment_method: {card: card, billing_details: details}}).then(function (result) {
      busy = false;
      if (submit) {
        submit.disabled = false;
      }
      if (result.error) {
        fail(result.error.message);
        return;
      }
      var pm = result.setupIntent.payment_method;
      form.querySelector('input[name=setupIntentId]').value = result.setupIntent.id;
      form.querySelector('input[name=paymentMethodId]').value = typeof pm === 'string' ? pm : pm.id;
      form.setAttribute('data-confirmed', 'yes');
      form.submit();
    });
  });
}());
