/*
 * The sandbox's card field, inside a frame on the sandbox's own origin. It checks the card (Luhn, expiry, CVC),
 * creates the PaymentMethod with the publishable key straight from this origin, and tells the shop's page only the
 * pm_… object: the number never leaves this frame except to the sandbox itself. Its words are in the language the
 * shop's page asked for: the sandbox renders the labels, and the messages come by code from the form's data-strings.
 */
(function () {
  'use strict';

  var SOURCE = 'jamcart-sandbox';
  var query = new URLSearchParams(location.search);
  var key = query.get('key') || '';
  var channel = query.get('channel') || '';
  var parentOrigin = query.get('origin') || '';
  var validOrigin = /^https?:\/\/[^/?#\s]+$/.test(parentOrigin);

  var number = document.getElementById('number');
  var expiry = document.getElementById('expiry');
  var cvc = document.getElementById('cvc');
  var errorText = document.getElementById('error');
  var strings = {};
  try {
    strings = JSON.parse(document.getElementById('card').getAttribute('data-strings') || '{}');
  } catch (e) {
    // Unreadable strings leave each message showing as its code.
  }

  function say(code) {
    return strings[code] || code;
  }

  function fieldError(code) {
    return { code: code, message: say(code) };
  }
  var touched = { number: false, expiry: false, cvc: false };

  function post(message) {
    if (!validOrigin || window.parent === window) {
      return;
    }

    message.source = SOURCE;
    message.channel = channel;
    window.parent.postMessage(message, parentOrigin);
  }

  function digits(value) {
    return value.replace(/\D/g, '');
  }

  function brandOf(n) {
    if (/^4/.test(n)) return 'visa';
    if (/^3[47]/.test(n)) return 'amex';
    if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(n)) return 'mastercard';
    if (/^(6011|65|64[4-9])/.test(n)) return 'discover';
    if (/^35(2[89]|[3-8])/.test(n)) return 'jcb';
    if (/^(36|38|39|30[0-5])/.test(n)) return 'diners';
    if (/^62/.test(n)) return 'unionpay';
    return 'unknown';
  }

  // Shortest and longest number of each brand, so that a number is not called complete halfway through typing it.
  var LENGTHS = {
    visa: [16, 19], mastercard: [16, 16], amex: [15, 15], discover: [16, 19], jcb: [16, 19],
    diners: [14, 19], unionpay: [16, 19], unknown: [12, 19],
  };

  function luhn(n) {
    var sum = 0;
    var doubled = false;
    for (var i = n.length - 1; i >= 0; i--) {
      var d = n.charCodeAt(i) - 48;
      if (doubled) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 === 0;
  }

  function formatNumber(n) {
    if (brandOf(n) === 'amex') {
      return [n.slice(0, 4), n.slice(4, 10), n.slice(10, 15)].filter(Boolean).join(' ');
    }
    return n.slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');
  }

  function parseExpiry() {
    var d = digits(expiry.value);
    return { month: d.slice(0, 2), year: d.slice(2, 4) };
  }

  function check() {
    var n = digits(number.value);
    var brand = brandOf(n);
    var exp = parseExpiry();
    var c = digits(cvc.value);
    var cvcLength = brand === 'amex' ? 4 : 3;
    var fields = {};

    var lengths = LENGTHS[brand];
    if (n.length < lengths[0] || (!luhn(n) && n.length < lengths[1])) fields.number = fieldError('incomplete_number');
    else if (!luhn(n)) fields.number = fieldError('invalid_number');

    if (exp.month.length < 2 || exp.year.length < 2) {
      fields.expiry = fieldError('incomplete_expiry');
    } else {
      var month = parseInt(exp.month, 10);
      var year = 2000 + parseInt(exp.year, 10);
      var now = new Date();
      if (month < 1 || month > 12) fields.expiry = fieldError('invalid_expiry_month');
      else if (year < now.getFullYear()) fields.expiry = fieldError('invalid_expiry_year_past');
      else if (year === now.getFullYear() && month < now.getMonth() + 1) fields.expiry = fieldError('invalid_expiry_month_past');
    }

    if (c.length < cvcLength) fields.cvc = fieldError('incomplete_cvc');

    return { brand: brand, fields: fields, empty: !n && !digits(expiry.value) && !c };
  }

  function show(result, all) {
    var first = null;
    [['number', number], ['expiry', expiry], ['cvc', cvc]].forEach(function (pair) {
      var problem = result.fields[pair[0]];
      var visible = problem && (all || touched[pair[0]]);
      pair[1].setAttribute('aria-invalid', visible ? 'true' : 'false');
      if (visible && !first) first = problem;
    });
    // The message itself goes to the page in the change event, which shows it where its other messages are, as
    // with Stripe's card element; the frame only marks the field, so that the buyer does not read it twice.
    return first;
  }

  function report() {
    var result = check();
    var visible = show(result, false);
    post({
      type: 'change',
      empty: result.empty,
      complete: Object.keys(result.fields).length === 0,
      brand: result.brand,
      error: visible ? { type: 'validation_error', code: visible.code, message: visible.message } : null,
    });
  }

  function resize() {
    post({ type: 'resize', height: document.documentElement.scrollHeight });
  }

  number.addEventListener('input', function () {
    var n = digits(number.value);
    number.value = formatNumber(n.slice(0, LENGTHS[brandOf(n)][1]));
    cvc.maxLength = brandOf(n) === 'amex' ? 4 : 3;
    report();
  });

  expiry.addEventListener('input', function (event) {
    var d = digits(expiry.value).slice(0, 4);
    if (d.length === 1 && d > '1') d = '0' + d;
    var deleting = event.inputType && event.inputType.indexOf('delete') === 0;
    expiry.value = d.length >= 2 && !(deleting && d.length === 2) ? d.slice(0, 2) + ' / ' + d.slice(2) : d;
    report();
  });

  cvc.addEventListener('input', function () {
    cvc.value = digits(cvc.value).slice(0, cvc.maxLength > 0 ? cvc.maxLength : 4);
    report();
  });

  [['number', number], ['expiry', expiry], ['cvc', cvc]].forEach(function (pair) {
    pair[1].addEventListener('blur', function () {
      if (pair[1].value) touched[pair[0]] = true;
      report();
      post({ type: 'blur' });
    });
    pair[1].addEventListener('focus', function () { post({ type: 'focus' }); });
  });

  document.getElementById('card').addEventListener('submit', function (event) { event.preventDefault(); });

  function tokenize(requestId, billingDetails) {
    var result = check();
    var problem = show(result, true);
    if (problem) {
      post({ type: 'tokenized', requestId: requestId, error: { type: 'validation_error', code: problem.code, message: problem.message } });
      return;
    }

    var exp = parseExpiry();
    var body = new URLSearchParams();
    body.append('key', key);
    body.append('type', 'card');
    body.append('card[number]', digits(number.value));
    body.append('card[exp_month]', exp.month);
    body.append('card[exp_year]', exp.year);
    body.append('card[cvc]', digits(cvc.value));
    if (billingDetails && typeof billingDetails === 'object') {
      ['name', 'email', 'phone'].forEach(function (field) {
        if (typeof billingDetails[field] === 'string') body.append('billing_details[' + field + ']', billingDetails[field]);
      });
      var address = billingDetails.address;
      if (address && typeof address === 'object') {
        ['line1', 'line2', 'city', 'state', 'postal_code', 'country'].forEach(function (field) {
          if (typeof address[field] === 'string') body.append('billing_details[address][' + field + ']', address[field]);
        });
      }
    }

    // Every way this can end answers the page, which waits for it: a dropped connection, or an answer that is not the
    // sandbox's JSON (a proxy's error page), is said as the sandbox not being reached.
    function unreachable() {
      post({ type: 'tokenized', requestId: requestId, error: { type: 'api_connection_error', message: say('unreachable') } });
    }

    fetch('/v1/payment_methods', {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          var error = (json && json.error) || { type: 'api_error', message: say('not_saved') };
          // The sandbox's API speaks English, as Stripe's does: the field says what it knows in the page's language.
          error.message = strings[error.code] || error.message;
          post({ type: 'tokenized', requestId: requestId, error: error });
          return;
        }

        post({ type: 'tokenized', requestId: requestId, paymentMethod: json });
      }, unreachable);
    }, unreachable);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!validOrigin || event.origin !== parentOrigin || event.source !== window.parent || !data
      || data.source !== SOURCE || data.channel !== channel) {
      return;
    }

    if (data.type === 'tokenize') tokenize(data.requestId, data.billingDetails);
    else if (data.type === 'focus') number.focus();
    else if (data.type === 'clear') {
      number.value = expiry.value = cvc.value = '';
      touched = { number: false, expiry: false, cvc: false };
      report();
    }
  });

  if (!validOrigin) {
    errorText.textContent = say('no_page');
    [number, expiry, cvc].forEach(function (input) { input.disabled = true; });
  }

  post({ type: 'ready' });
  resize();
})();
