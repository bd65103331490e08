// A stand-in for Stripe.js v3, served by the Stripe stand-in at /v3/: the parts Ledgerbridge's card pages use
// (Stripe(publishableKey), elements().create('card').mount(selector), confirmCardSetup(clientSecret, {payment_method:
// {card}})). Like Stripe.js it sends the card number from the browser to the (stand-in) Stripe API only; a card that
// needs authentication is "authenticated" as a cardholder passing 3-D Secure would.
(function () {
  'use strict';
  var apiBase = new URL(document.currentScript.src).origin;
  window.Stripe = function (publishableKey) {
    function post(path, params) {
      return fetch(apiBase + path, {
        method: 'POST',
        headers: {'Authorization': 'Bearer ' + publishableKey, 'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams(params).toString()
      }).then(function (r) { return r.json(); });
    }
    return {
      elements: function () {
        return {
          create: function () {
            var inputs = {};
            return {
              mount: function (selector) {
                var root = document.querySelector(selector);
                ['number', 'exp_month', 'exp_year', 'cvc'].forEach(function (n) {
                  var i = document.createElement('input');
                  i.id = 'stand-in-' + n;
                  i.setAttribute('aria-label', n);
                  root.appendChild(i); // no name: the form never posts it
                  inputs[n] = i;
                });
              },
              on: function () {},
              values: function () {
                return {number: inputs.number.value, exp_month: inputs.exp_month.value, exp_year: inputs.exp_year.value,
                  cvc: inputs.cvc.value};
              }
            };
          }
        };
      },
      confirmCardSetup: function (clientSecret, data) {
        var v = data.payment_method.card.values();
        var setupIntent = clientSecret.split('_secret_')[0];
        return post('/v1/payment_methods', {'type': 'card', 'card[number]': v.number, 'card[exp_month]': v.exp_month,
          'card[exp_year]': v.exp_year, 'card[cvc]': v.cvc}).then(function (pm) {
          if (pm.error) {
            return pm;
          }
          return post('/v1/setup_intents/' + setupIntent + '/confirm', {payment_method: pm.id,
            client_secret: clientSecret});
        }).then(function (si) {
          if (si.error) {
            return {error: si.error};
          }
          if (si.status === 'requires_action') {
            return post('/v1/setup_intents/' + setupIntent + '/stand_in_authenticate', {}).then(function (done) {
              return {setupIntent: done};
            });
          }
          return {setupIntent: si};
        });
      }
    };
  };
}());
