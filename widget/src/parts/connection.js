/*
 * Rasa's socket.io channel (rasa/core/channels/socketio.py, session_persistence: true):
 *   → session_request {session_id}      ← session_confirm <session_id>
 *   → user_uttered {message, session_id, metadata}
 *   ← bot_uttered {text} | {text, quick_replies: [{title, payload}]} | {attachment}
 * Messages written before the session is confirmed wait in a queue.
 */
(function (ns) {
  "use strict";

  /**
   * Open a connection. options: io, url, path, sessionId, onMessage(message), onStatus(status)
   * where status is "connecting", "online" or "offline".
   */
  function create(options) {
    var queue = [];
    var confirmed = false;
    var socket = options.io(options.url, {
      path: options.path,
      transports: ["polling", "websocket"],
      withCredentials: false,
      reconnectionDelayMax: 10000,
    });

    function flush() {
      while (confirmed && queue.length) socket.emit("user_uttered", queue.shift());
    }

    options.onStatus("connecting");
    socket.on("connect", function () {
      confirmed = false;
      // Every new socket joins the conversation's room again (Rasa answers into that room).
      socket.emit("session_request", { session_id: options.sessionId });
    });
    socket.on("session_confirm", function () {
      confirmed = true;
      options.onStatus("online");
      flush();
    });
    socket.on("bot_uttered", function (message) {
      if (message && typeof message === "object") options.onMessage(message);
    });
    socket.on("connect_error", function () { options.onStatus("offline"); });
    socket.on("disconnect", function (reason) {
      confirmed = false;
      if (reason !== "io client disconnect") options.onStatus("offline");
    });

    return {
      /** Send `text` with `metadata`; queued until the session is confirmed. */
      send: function (text, metadata) {
        queue.push({ message: text, session_id: options.sessionId, metadata: metadata });
        flush();
      },
      /** Close the socket for good. */
      close: function () {
        queue = [];
        socket.disconnect();
      },
    };
  }

  ns.connection = { create: create };
})(window.EmsAchseChat);
