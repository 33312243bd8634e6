/* Tells sandbox.js on the shop's page that the 3-D Secure step is over; sandbox.js then asks the API for the outcome. */
(function () {
  'use strict';

  var query = new URLSearchParams(location.search);
  var origin = query.get('origin') || '';
  var paymentIntent = query.get('payment_intent') || '';
  if (window.parent !== window && /^https?:\/\/[^/?#\s]+$/.test(origin)) {
    window.parent.postMessage({ source: 'jamcart-sandbox', type: '3ds-complete', paymentIntent: paymentIntent }, origin);
  }
})();
