/*
 * Jamcart sandbox payments: a small, dependency-free stand-in for the part of Stripe.js that Jamcart uses.
 *
 *   const sandbox = Sandbox('pk_test_…', { locale: 'ko' });
 *   const card = sandbox.elements().create('card');
 *   card.mount('#card');
 *   card.on('change', (e) => { … e.complete, e.error … });
 *   const { paymentIntent, error } = await sandbox.confirmCardPayment(clientSecret, { payment_method: { card } });
 *
 * The card fields live in a frame served by the sandbox's own origin, which turns them into a pm_… id itself:
 * this page only ever sees that id, never a card number. No inline script, no eval, styles set through the DOM
 * only, so it runs under a strict Content-Security-Policy.
 *
 * As with Stripe.js, `locale` (to Sandbox() or to elements()) sets the language of the card field, the 3-D Secure page
 * and the messages of this script: 'ko', 'en', 'ko-KR', … or 'auto' (the browser's); English when the sandbox has no
 * strings for it.
 */
(function () {
  'use strict';

  var SOURCE = 'jamcart-sandbox';
  var current = document.currentScript;
  var scriptOrigin = current && current.src ? new URL(current.src, location.href).origin : null;
  // The script's own strings by language, from the sandbox's i18n files: filled in when the sandbox serves this file.
  var STRINGS = /* strings by language */ {};

  function languageOf(locale) {
    var tag = String(!locale || locale === 'auto' ? navigator.language || 'en' : locale).replace('_', '-').toLowerCase();
    var language = tag.split('-')[0];
    return STRINGS[tag] ? tag : STRINGS[language] ? language : 'en';
  }

  function say(language, key) {
    return (STRINGS[language] || {})['script.' + key] || (STRINGS.en || {})['script.' + key] || key;
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function paymentIntentId(clientSecret) {
    var index = typeof clientSecret === 'string' ? clientSecret.indexOf('_secret_') : -1;
    return index > 0 ? clientSecret.slice(0, index) : null;
  }

  function invalidSecret() {
    return Promise.resolve({
      error: { type: 'invalid_request_error', code: 'invalid_client_secret', message: 'The client secret is not a PaymentIntent client secret.' },
    });
  }

  function connectionError(language) {
    return { error: { type: 'api_connection_error', message: say(language, 'unreachable') } };
  }

  function Sandbox(publishableKey, options) {
    if (typeof publishableKey !== 'string' || publishableKey.indexOf('pk_') !== 0) {
      throw new Error('Sandbox(): pass your publishable key (pk_test_…).');
    }

    var apiOrigin = (options && options.apiBase ? new URL(options.apiBase, location.href).origin : scriptOrigin);
    if (!apiOrigin) {
      throw new Error('Sandbox(): load sandbox.js with a <script src> tag, or pass { apiBase: "http://127.0.0.1:5081" }.');
    }

    var language = languageOf(options && options.locale);
    var frames = {};
    window.addEventListener('message', function (event) {
      var data = event.data;
      if (event.origin !== apiOrigin || !data || data.source !== SOURCE || !frames[data.channel]) {
        return;
      }

      var frame = frames[data.channel];
      if (event.source !== frame.window()) {
        return;
      }

      frame.receive(data);
    });

    function request(method, path, params) {
      var body = new URLSearchParams();
      body.append('key', publishableKey);
      Object.keys(params).forEach(function (name) {
        if (params[name] !== undefined && params[name] !== null) {
          body.append(name, params[name]);
        }
      });

      var url = apiOrigin + path;
      var init = { method: method, credentials: 'omit', headers: {} };
      if (method === 'GET') {
        url += '?' + body.toString();
      } else {
        // A form body is a "simple" cross-origin request: no preflight, and the key travels in the body as Stripe.js sends it.
        init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
        init.body = body.toString();
      }

      return fetch(url, init).then(function (response) {
        // An answer that is not the sandbox's JSON object (a proxy's error page, a cut answer) leaves unknown whether the
        // request took effect, as a dropped connection does: it is said the same way, and the page asks again.
        return response.json().then(function (json) {
          if (!json || typeof json !== 'object') {
            return connectionError(language);
          }

          return response.ok ? { ok: json } : { error: json.error || { type: 'api_error', message: say(language, 'unexpected_answer') } };
        }, function () {
          return connectionError(language);
        });
      }, function () {
        return connectionError(language);
      });
    }

    function retrieve(clientSecret) {
      var id = paymentIntentId(clientSecret);
      if (!id) {
        return invalidSecret();
      }

      return request('GET', '/v1/payment_intents/' + encodeURIComponent(id), { client_secret: clientSecret }).then(function (result) {
        return result.error ? { error: result.error } : { paymentIntent: result.ok };
      });
    }

    function authenticate(paymentIntent, clientSecret) {
      var action = paymentIntent.next_action;
      if (!action || action.type !== 'redirect_to_url' || !action.redirect_to_url) {
        return Promise.resolve({ paymentIntent: paymentIntent });
      }

      var url = new URL(action.redirect_to_url.url);
      if (url.origin !== apiOrigin) {
        return Promise.resolve({ error: { type: 'api_error', message: 'Unexpected 3-D Secure address.' } });
      }

      var token = url.searchParams.get('token') || '';
      url.searchParams.set('mode', 'modal');
      url.searchParams.set('origin', location.origin);
      url.searchParams.set('locale', language);
      return openChallenge(url.toString(), paymentIntent.id).then(function (closed) {
        // Closing the dialog abandons the authentication, as Stripe.js does: the payment then waits for another
        // attempt, and the buyer reads why. Said to the bank's page the way its Fail button says it.
        return closed ? abandonChallenge(paymentIntent.id, token) : null;
      }).then(function () {
        return retrieve(clientSecret);
      }).then(function (result) {
        var intent = result.paymentIntent;
        if (intent && intent.status === 'requires_payment_method' && intent.last_payment_error) {
          var error = Object.assign({}, intent.last_payment_error, { payment_intent: intent });
          return { error: error };
        }

        if (intent && intent.status === 'requires_action') {
          // Closed, and the bank's page was not reached to say so: the authentication is still open, and the next
          // attempt confirms the payment again.
          return { error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: say(language, 'challenge_abandoned'), payment_intent: intent } };
        }

        return result;
      });
    }

    function abandonChallenge(id, token) {
      var body = new URLSearchParams();
      body.append('token', token);
      body.append('result', 'fail');
      // The answer is the bank's page, which this page may not read and does not need: only whether the sandbox got it.
      return fetch(apiOrigin + '/3ds/' + encodeURIComponent(id), {
        method: 'POST', mode: 'no-cors', credentials: 'omit', body: body,
      }).then(function () { return null; }, function () { return null; });
    }

    /* Resolves false when the bank's page says the step is over, true when the buyer closed the dialog. */
    function openChallenge(src, id) {
      return new Promise(function (resolve) {
        var previousFocus = document.activeElement;
        var overlay = document.createElement('div');
        overlay.setAttribute('role', 'dialog');
        overlay.setAttribute('aria-modal', 'true');
        overlay.setAttribute('aria-label', say(language, 'challenge_dialog'));
        Object.assign(overlay.style, {
          position: 'fixed', inset: '0', zIndex: '2147483647', display: 'flex', alignItems: 'center',
          justifyContent: 'center', background: 'rgba(15, 23, 42, 0.55)', padding: '16px',
        });
        var frame = document.createElement('iframe');
        frame.src = src;
        frame.title = say(language, 'challenge_frame');
        Object.assign(frame.style, {
          width: '100%', maxWidth: '440px', height: '600px', maxHeight: '100%', border: '0',
          borderRadius: '12px', background: '#fff', boxShadow: '0 20px 50px rgba(0, 0, 0, 0.3)',
        });
        // The way out when the bank's page never loads or the buyer changes their mind: a button beside the frame,
        // outside it, and Escape.
        var close = document.createElement('button');
        close.type = 'button';
        close.textContent = '\u00d7';
        close.setAttribute('aria-label', say(language, 'challenge_close'));
        close.title = say(language, 'challenge_close');
        Object.assign(close.style, {
          position: 'absolute', top: '12px', right: '12px', width: '40px', height: '40px', border: '0',
          borderRadius: '50%', background: '#fff', color: '#0f172a', font: '28px/40px system-ui, sans-serif',
          cursor: 'pointer', boxShadow: '0 2px 8px rgba(0, 0, 0, 0.3)',
        });
        overlay.appendChild(frame);
        overlay.appendChild(close);

        function finish(closed) {
          window.removeEventListener('message', done);
          document.removeEventListener('keydown', escape, true);
          overlay.remove();
          if (previousFocus && previousFocus.focus) {
            previousFocus.focus();
          }

          resolve(closed);
        }

        function done(event) {
          var data = event.data;
          if (event.origin !== apiOrigin || event.source !== frame.contentWindow || !data || data.source !== SOURCE
            || data.type !== '3ds-complete' || data.paymentIntent !== id) {
            return;
          }

          finish(false);
        }

        function escape(event) {
          if (event.key === 'Escape') {
            event.preventDefault();
            finish(true);
          }
        }

        close.addEventListener('click', function () { finish(true); });
        window.addEventListener('message', done);
        document.addEventListener('keydown', escape, true);
        document.body.appendChild(overlay);
        frame.focus();
      });
    }

    function CardElement(elementOptions, fieldLanguage) {
      var channel = randomId();
      var iframe = null;
      var handlers = {};
      var pending = {};
      var state = { empty: true, complete: false, error: undefined, brand: 'unknown' };
      var self = this;

      function emit(name, event) {
        (handlers[name] || []).slice().forEach(function (handler) { handler(event); });
      }

      function send(message) {
        if (!iframe || !iframe.contentWindow) {
          return false;
        }

        message.source = SOURCE;
        message.channel = channel;
        iframe.contentWindow.postMessage(message, apiOrigin);
        return true;
      }

      frames[channel] = {
        window: function () { return iframe && iframe.contentWindow; },
        receive: function (data) {
          switch (data.type) {
            case 'ready':
              emit('ready', { elementType: 'card' });
              break;
            case 'change':
              state = { empty: !!data.empty, complete: !!data.complete, error: data.error || undefined, brand: data.brand || 'unknown' };
              emit('change', { elementType: 'card', empty: state.empty, complete: state.complete, error: state.error, brand: state.brand });
              break;
            case 'focus':
            case 'blur':
              emit(data.type, { elementType: 'card' });
              break;
            case 'resize':
              if (iframe && typeof data.height === 'number') {
                iframe.style.height = Math.ceil(data.height) + 'px';
              }
              break;
            case 'tokenized':
              if (pending[data.requestId]) {
                pending[data.requestId](data.error ? { error: data.error } : { paymentMethod: data.paymentMethod });
                delete pending[data.requestId];
              }
              break;
          }
        },
      };

      this.mount = function (target) {
        var container = typeof target === 'string' ? document.querySelector(target) : target;
        if (!container) {
          throw new Error('card.mount(): no element matches ' + target + '.');
        }

        var src = new URL(apiOrigin + '/elements/card');
        src.searchParams.set('key', publishableKey);
        src.searchParams.set('origin', location.origin);
        src.searchParams.set('channel', channel);
        src.searchParams.set('locale', fieldLanguage);
        if (elementOptions && elementOptions.hidePostalCode === false) {
          src.searchParams.set('postal', '1');
        }

        iframe = document.createElement('iframe');
        iframe.src = src.toString();
        iframe.title = say(fieldLanguage, 'card_frame');
        iframe.setAttribute('allowtransparency', 'true');
        Object.assign(iframe.style, { border: '0', width: '100%', height: '120px', display: 'block', overflow: 'hidden', colorScheme: 'normal' });
        container.appendChild(iframe);
      };

      this.unmount = function () {
        if (iframe) {
          iframe.remove();
          iframe = null;
        }
      };

      this.destroy = function () {
        self.unmount();
        delete frames[channel];
      };

      this.on = function (name, handler) {
        (handlers[name] = handlers[name] || []).push(handler);
        return self;
      };

      this.off = function (name, handler) {
        handlers[name] = (handlers[name] || []).filter(function (h) { return h !== handler; });
        return self;
      };

      this.focus = function () { send({ type: 'focus' }); };

      this.clear = function () { send({ type: 'clear' }); };

      // Asks the frame to create the PaymentMethod; only its pm_… object comes back.
      this._tokenize = function (billingDetails) {
        return new Promise(function (resolve) {
          var requestId = randomId();
          pending[requestId] = resolve;
          if (!send({ type: 'tokenize', requestId: requestId, billingDetails: billingDetails || null })) {
            delete pending[requestId];
            resolve({ error: { type: 'validation_error', code: 'element_not_mounted', message: 'Mount the card element before confirming.' } });
          }
        });
      };
    }

    function paymentMethodOf(data) {
      var method = data && data.payment_method;
      if (!method) {
        return Promise.resolve({ id: null });
      }

      if (typeof method === 'string') {
        return Promise.resolve({ id: method });
      }

      if (method.card && typeof method.card._tokenize === 'function') {
        return method.card._tokenize(method.billing_details).then(function (result) {
          return result.error ? { error: result.error } : { id: result.paymentMethod.id };
        });
      }

      return Promise.resolve({ error: { type: 'validation_error', code: 'invalid_payment_method', message: 'Pass { payment_method: { card } } with a mounted card element.' } });
    }

    return {
      elements: function (elementsOptions) {
        var fieldLanguage = elementsOptions && elementsOptions.locale ? languageOf(elementsOptions.locale) : language;
        return {
          create: function (type, elementOptions) {
            if (type !== 'card') {
              throw new Error('elements.create(): the sandbox offers the "card" element only.');
            }

            return new CardElement(elementOptions, fieldLanguage);
          },
        };
      },

      confirmCardPayment: function (clientSecret, data, confirmOptions) {
        var id = paymentIntentId(clientSecret);
        if (!id) {
          return invalidSecret();
        }

        return paymentMethodOf(data).then(function (method) {
          if (method.error) {
            return { error: method.error };
          }

          return request('POST', '/v1/payment_intents/' + encodeURIComponent(id) + '/confirm', {
            client_secret: clientSecret,
            payment_method: method.id || undefined,
            return_url: data && data.return_url,
          }).then(function (result) {
            if (result.error) {
              return { error: result.error };
            }

            var intent = result.ok;
            if (intent.status === 'requires_action' && !(confirmOptions && confirmOptions.handleActions === false)) {
              return authenticate(intent, clientSecret);
            }

            return { paymentIntent: intent };
          });
        });
      },

      handleCardAction: function (clientSecret) {
        return retrieve(clientSecret).then(function (result) {
          return result.paymentIntent && result.paymentIntent.status === 'requires_action'
            ? authenticate(result.paymentIntent, clientSecret)
            : result;
        });
      },

      retrievePaymentIntent: retrieve,
    };
  }

  window.Sandbox = Sandbox;
})();
