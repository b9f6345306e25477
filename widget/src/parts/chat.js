/*
 * The conversation: state in this browser, the connection to Rasa, and the panel's events.
 * Every user_uttered carries metadata {privacy_notice_shown: true, ui_language}: the notice is
 * always on screen above the first message, so the assistant need not repeat it.
 */
(function (ns) {
  "use strict";
  var WAIT_LIMIT_MS = 30000;

  /**
   * Start the widget. options: base, rasaUrl, socketPath, languages [{code, name, dir}],
   * strings and privacy (by language), language, open.
   */
  ns.start = function (options) {
    var state = ns.store.load(options.language);
    if (!options.strings[state.language]) state.language = options.language;
    var connection = null;
    var waitTimer = null;
    var panel = ns.panel.create(options.base, {
      open: function () { open(true); },
      close: close,
      send: function (text) { post(text, text); },
      choose: function (button) { post(button.payload, button.title); },
      switchLanguage: switchLanguage,
      restart: restart,
    });
    panel.setLanguages(options.languages, options.strings, options.privacy);
    panel.setLanguage(state.language);
    panel.renderAll(state.messages);

    function connect() {
      if (connection) return;
      connection = ns.connection.create({
        io: ns.io,
        url: options.rasaUrl,
        path: options.socketPath,
        sessionId: state.sessionId,
        onMessage: receive,
        onStatus: function (kind) {
          if (kind === "online" && waitTimer) kind = "waiting";
          panel.setStatus(kind);
        },
      });
    }

    function open(focus) {
      state.open = true;
      ns.store.save(state);
      connect();
      panel.show(focus);
    }

    function close() {
      state.open = false;
      ns.store.save(state);
      panel.hide();
    }

    function add(message) {
      state.messages.push(message);
      ns.store.save(state);
      panel.append(message);
    }

    function waiting(on) {
      clearTimeout(waitTimer);
      waitTimer = on ? setTimeout(function () { waiting(false); }, WAIT_LIMIT_MS) : null;
      panel.setStatus(on ? "waiting" : "online");
    }

    /** Send `text` to the assistant; show `shown` as the user's message (nothing when null). */
    function post(text, shown) {
      if (shown) add({ from: "user", text: shown });
      connect();
      connection.send(text, { privacy_notice_shown: true, ui_language: state.language });
      waiting(true);
    }

    function receive(message) {
      if (message && message.erased === true) {
        forget();
        return;
      }
      var buttons = message.quick_replies || message.buttons || [];
      var attachment = message.attachment || {};
      var image = attachment.type === "image" && attachment.payload ? attachment.payload.src : null;
      var shown = { from: "bot", text: typeof message.text === "string" ? message.text : "" };
      if (buttons.length) {
        shown.buttons = buttons
          .filter(function (b) { return b && b.title && b.payload; })
          .map(function (b) { return { title: String(b.title), payload: String(b.payload) }; });
      }
      if (image) shown.image = String(image);
      if (!shown.text && !shown.image) return;
      waiting(false);
      add(shown);
    }

    function switchLanguage(language) {
      if (!options.strings[language] || language === state.language) return;
      state.language = language;
      ns.store.save(state);
      panel.setLanguage(state.language);
      post('/switch_language{"language":"' + state.language + '"}', null);
    }

    /**
     * The assistant erased this conversation: delete what this browser keeps too, start a new
     * conversation id, and say so under the assistant's confirmation (shown, not stored).
     */
    function forget() {
      var confirmation = state.messages.slice(-1);
      startAfresh(confirmation.concat([{ from: "bot", text: options.strings[state.language].forgotten }]));
    }

    function restart() {
      startAfresh([]);
      panel.focusInput();
    }

    /** Delete what this browser keeps, start a new conversation id, and show `shown` (not stored). */
    function startAfresh(shown) {
      if (connection) connection.close();
      connection = null;
      waiting(false);
      state = ns.store.clear(state.language);
      state.open = true;
      ns.store.save(state);
      panel.renderAll(shown);
      connect();
    }

    if (state.open || options.open) open(false);
  };
})(window.EmsAchseChat);
