/*
 * What the widget keeps in this browser (localStorage, one key): the conversation id, the
 * widget's language, whether the panel was open, and the messages shown. Nothing else.
 * All of it is deleted when the person starts over or the assistant erases the conversation.
 */
(function (ns) {
  "use strict";
  var KEY = "ems-achse-chat:v1";
  var MAX_MESSAGES = 200;

  function newSessionId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function fresh(language) {
    return { sessionId: newSessionId(), language: language, open: false, messages: [] };
  }

  /** The stored state, or a new one in `language`. */
  function load(language) {
    try {
      var state = JSON.parse(localStorage.getItem(KEY) || "null");
      if (state && typeof state.sessionId === "string" && Array.isArray(state.messages)) return state;
    } catch (e) {
      /* storage blocked or corrupt: start afresh */
    }
    return fresh(language);
  }

  /** Save `state` (the last MAX_MESSAGES messages). */
  function save(state) {
    state.messages = state.messages.slice(-MAX_MESSAGES);
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* private mode or full: the chat still works, only without history */
    }
  }

  /** Delete everything stored; returns a new state in `language`. */
  function clear(language) {
    try {
      localStorage.removeItem(KEY);
    } catch (e) {
      /* nothing stored */
    }
    var state = fresh(language);
    save(state);
    return state;
  }

  ns.store = { load: load, save: save, clear: clear, KEY: KEY };
})(window.EmsAchseChat);
