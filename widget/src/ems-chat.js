/*
 * Ems-Achse welcome assistant: the website chat, embedded with ONE script tag:
 *
 *   <script src="https://assistant.example/widget/ems-chat.js" data-lang="de" defer></script>
 *
 * This loader finds the server it came from, loads the widget's parts and the socket.io client
 * from there (never from a CDN), fetches the configuration (Rasa's public URL, the languages, the
 * widget's words and privacy notice in each)
 * from /widget/config.json and starts the chat. Optional attributes on the script tag:
 *   data-lang      the widget's first language, one of those config.json lists (default: the
 *                  page's lang if the assistant answers in it, else de)
 *   data-rasa-url  the Rasa server as the browser reaches it (default: from config.json)
 *   data-open      "true": open the panel right away
 */
(function () {
  "use strict";
  var PARTS = ["parts/text.js", "parts/store.js", "parts/connection.js", "parts/panel.js", "parts/chat.js"];
  var script = document.currentScript || document.querySelector('script[src*="ems-chat.js"]');
  if (!script || window.EmsAchseChat && window.EmsAchseChat.started) return;
  var base = new URL(".", script.src).href; // …/widget/
  // The server writes the current asset version here: the parts, the styles and socket.io
  // come from …/widget/v/<version>/, which browsers may cache for a year.
  var assets = base + "v/__EMS_ASSET_VERSION__/";
  var ns = (window.EmsAchseChat = window.EmsAchseChat || {});
  ns.started = true;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = assets + src;
      el.async = false; // run in the order inserted
      el.onload = function () { resolve(); };
      el.onerror = function () { reject(new Error("could not load " + el.src)); };
      document.head.appendChild(el);
    });
  }

  function loadSocketIo() {
    // Keep a page's own socket.io client (if any) untouched: take ours, put theirs back.
    var theirs = window.io;
    return load("vendor/socket.io.min.js").then(function () {
      ns.io = window.io;
      if (theirs === undefined) delete window.io; else window.io = theirs;
    });
  }

  /** The script tag's or the page's language when the assistant answers in it, else German. */
  function pageLanguage(languages) {
    var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "de").slice(0, 2).toLowerCase();
    return languages.some(function (entry) { return entry.code === lang; }) ? lang : "de";
  }

  var config = fetch(base + "config.json", { credentials: "omit" }).then(function (response) {
    if (!response.ok) throw new Error("config.json: HTTP " + response.status);
    return response.json();
  });

  Promise.all([config, loadSocketIo().then(function () {
    return PARTS.reduce(function (chain, part) { return chain.then(function () { return load(part); }); }, Promise.resolve());
  })]).then(function (results) {
    var cfg = results[0];
    ns.start({
      base: assets,
      rasaUrl: script.getAttribute("data-rasa-url") || cfg.rasa_url,
      socketPath: cfg.socketio_path || "/socket.io",
      languages: cfg.languages,
      strings: cfg.strings,
      privacy: cfg.privacy || {},
      language: pageLanguage(cfg.languages),
      open: script.getAttribute("data-open") === "true",
    });
  }).catch(function (error) {
    if (window.console) console.error("Ems-Achse chat could not start:", error); // eslint-disable-line no-console
  });
})();
