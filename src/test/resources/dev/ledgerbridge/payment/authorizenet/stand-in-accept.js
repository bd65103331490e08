// A stand-in for Authorize.Net's Accept.js, served by the Authorize.Net stand-in at /v1/Accept.js: the part
// Ledgerbridge's card pages use, Accept.dispatchData({authData: {clientKey, apiLoginID}, cardData: {cardNumber, month,
// year, cardCode}}, handler). Like Accept.js it sends the card from the browser to the (stand-in) Authorize.Net API as a
// securePaymentContainerRequest and hands the handler {opaqueData: {dataDescriptor, dataValue}, messages}.
(function () {
  'use strict';
  var apiBase = new URL(document.currentScript.src).origin;
  window.Accept = {
    dispatchData: function (secureData, handler) {
      var card = secureData.cardData;
      var request = {securePaymentContainerRequest: {
        merchantAuthentication: {name: secureData.authData.apiLoginID, clientKey: secureData.authData.clientKey},
        data: {type: 'TOKEN', id: String(Date.now()), token: {cardNumber: card.cardNumber,
          expirationDate: card.month + card.year, cardCode: card.cardCode}}
      }};
      fetch(apiBase + '/xml/v1/request.api', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(request)}).then(function (r) { return r.json(); }).then(handler, function () {
        handler({messages: {resultCode: 'Error', message: [{code: 'E_WC_02', text: 'A HTTPS connection is required.'}]}});
      });
    }
  };
}());
