/*
 * The launcher button and the chat panel, in a shadow root so that the partner's page and the
 * widget do not restyle each other. Knows the DOM, not the conversation (that is chat.js).
 */
(function (ns) {
  "use strict";
  var SMALL_SCREEN = "(max-width: 480px)";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function icon() {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z");
    svg.appendChild(path);
    return svg;
  }

  /**
   * Build the widget into `document.body`. handlers: open(), close(), send(text),
   * choose(button), switchLanguage(), restart().
   */
  function create(base, handlers) {
    var host = el("div", { id: "ems-achse-chat" });
    var root = host.attachShadow({ mode: "open" });
    var frame = el("div", { className: "ems-root", hidden: "" });
    var css = el("link", { rel: "stylesheet", href: base + "ems-chat.css" });
    css.addEventListener("load", function () { frame.hidden = false; });
    css.addEventListener("error", function () { frame.hidden = false; });
    root.appendChild(css);
    root.appendChild(frame);

    var launcherText = el("span");
    var launcher = el("button", { type: "button", className: "ems-launcher", "aria-expanded": "false", "aria-controls": "ems-panel" }, [icon(), launcherText]);
    var title = el("h2", { id: "ems-title", className: "ems-title" });
    var langSelect = el("select", { className: "ems-tool ems-lang", id: "ems-lang" });
    var restartButton = el("button", { type: "button", className: "ems-tool ems-restart" });
    var closeButton = el("button", { type: "button", className: "ems-tool ems-close" }, [el("span", { "aria-hidden": "true", text: "×" })]);
    var notice = el("div", { className: "ems-notice", role: "note" });
    var log = el("div", { className: "ems-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
    var status = el("p", { className: "ems-status", role: "status" });
    var inputLabel = el("label", { for: "ems-input", className: "ems-sr-only" });
    var input = el("input", { id: "ems-input", className: "ems-input", type: "text", dir: "auto", autocomplete: "off", maxlength: "2000" });
    var sendButton = el("button", { type: "submit", className: "ems-send" });
    var form = el("form", { className: "ems-form" }, [inputLabel, input, sendButton]);
    var panel = el("section", { id: "ems-panel", className: "ems-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "ems-title", hidden: "" }, [
      el("header", { className: "ems-header" }, [title, el("div", { className: "ems-tools" }, [langSelect, restartButton, closeButton])]),
      log,
      status,
      form,
    ]);
    frame.appendChild(launcher);
    frame.appendChild(panel);
    document.body.appendChild(host);

    var words = {};
    var strings = {};
    var privacy = {};
    var language = "de";
    var directions = {};

    launcher.addEventListener("click", function () { handlers.open(); });
    closeButton.addEventListener("click", function () { handlers.close(); });
    langSelect.addEventListener("change", function () { handlers.switchLanguage(langSelect.value); });
    restartButton.addEventListener("click", function () { handlers.restart(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = "";
      handlers.send(text);
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        handlers.close();
      } else if (event.key === "Tab" && isFullScreen()) {
        keepFocusInside(event);
      }
    });

    function isFullScreen() {
      return window.matchMedia && window.matchMedia(SMALL_SCREEN).matches;
    }

    // On a phone the panel covers the page: Tab cycles inside it, like a modal dialog.
    function keepFocusInside(event) {
      var focusable = Array.prototype.filter.call(panel.querySelectorAll("button, input, [tabindex='0']"), function (node) {
        return !node.disabled && node.offsetParent !== null;
      });
      if (!focusable.length) return;
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && root.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && root.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }

    function renderNotice() {
      notice.textContent = "";
      notice.setAttribute("aria-label", words.privacy_title);
      var text = el("p", { dir: "auto" });
      ns.text.appendText(text, privacy[language] || "", words.new_window);
      notice.appendChild(text);
    }

    function messageNode(message) {
      var who = message.from === "user" ? "user" : "bot";
      var node = el("div", { className: "ems-msg ems-" + who });
      node.appendChild(el("span", { className: "ems-sr-only ems-who", "data-who": who, text: who === "user" ? words.you : words.assistant }));
      if (message.text) {
        var bubble = el("p", { className: "ems-bubble", dir: "auto" });
        ns.text.appendText(bubble, message.text, words.new_window);
        node.appendChild(bubble);
      }
      var src = message.image && ns.text.safeUrl(message.image);
      if (src) node.appendChild(el("img", { className: "ems-image", src: src, alt: words.image }));
      return node;
    }

    function choicesNode(buttons) {
      var group = el("div", { className: "ems-choices", role: "group", "aria-label": words.choices });
      buttons.forEach(function (button) {
        var choice = el("button", { type: "button", className: "ems-choice", dir: "auto", text: button.title });
        choice.addEventListener("click", function () { handlers.choose(button); });
        group.appendChild(choice);
      });
      return group;
    }

    function removeChoices() {
      var old = log.querySelector(".ems-choices");
      if (!old) return;
      var hadFocus = old.contains(root.activeElement);
      old.remove();
      if (hadFocus) input.focus();
    }

    function scrollToEnd() {
      log.scrollTop = log.scrollHeight;
    }

    return {
      /**
       * Offer `languages` ({code, name, dir}: each named in itself) with the widget's words
       * (`texts`) and privacy notices (`notices`) in each.
       */
      setLanguages: function (languages, texts, notices) {
        strings = texts;
        privacy = notices;
        langSelect.textContent = "";
        languages.forEach(function (entry) {
          var option = el("option", { value: entry.code, lang: entry.code, dir: entry.dir, text: entry.name });
          langSelect.appendChild(option);
        });
        directions = {};
        languages.forEach(function (entry) { directions[entry.code] = entry.dir; });
      },
      /** Show the UI in `lang`: its words, its privacy notice, its writing direction. */
      setLanguage: function (lang) {
        language = lang;
        words = strings[lang];
        frame.setAttribute("lang", lang);
        frame.setAttribute("dir", directions[lang] || "ltr");
        langSelect.value = lang;
        langSelect.setAttribute("aria-label", words.language);
        launcherText.textContent = words.launcher;
        title.textContent = words.title;
        restartButton.textContent = words.restart;
        restartButton.setAttribute("aria-label", words.restart_label);
        closeButton.setAttribute("aria-label", words.close);
        log.setAttribute("aria-label", words.log);
        inputLabel.textContent = words.input_label;
        input.setAttribute("placeholder", words.placeholder);
        sendButton.textContent = words.send;
        Array.prototype.forEach.call(log.querySelectorAll(".ems-who"), function (who) {
          who.textContent = who.getAttribute("data-who") === "user" ? words.you : words.assistant;
        });
        var group = log.querySelector(".ems-choices");
        if (group) group.setAttribute("aria-label", words.choices);
        renderNotice();
      },
      /** Replace the log with `messages` (on start and after a restart). */
      renderAll: function (messages) {
        log.textContent = "";
        log.appendChild(notice); // the privacy notice comes before the first message
        messages.forEach(function (message) { log.appendChild(messageNode(message)); });
        var last = messages[messages.length - 1];
        if (last && last.from === "bot" && last.buttons && last.buttons.length) log.lastChild.appendChild(choicesNode(last.buttons));
        scrollToEnd();
      },
      /** Add one message at the end; its buttons replace any earlier ones. */
      append: function (message) {
        removeChoices();
        var node = messageNode(message);
        if (message.buttons && message.buttons.length) node.appendChild(choicesNode(message.buttons));
        log.appendChild(node);
        scrollToEnd();
      },
      /** "connecting", "online", "offline" or "waiting". */
      setStatus: function (kind) {
        status.textContent = { connecting: words.connecting, offline: words.offline, waiting: words.waiting }[kind] || "";
        status.setAttribute("data-status", kind);
      },
      /** Show the panel; focus the input when `focus`. */
      show: function (focus) {
        panel.hidden = false;
        launcher.hidden = true;
        launcher.setAttribute("aria-expanded", "true");
        panel.setAttribute("aria-modal", isFullScreen() ? "true" : "false");
        scrollToEnd();
        if (focus) input.focus();
      },
      /** Hide the panel and give the focus back to the launcher. */
      hide: function () {
        panel.hidden = true;
        launcher.hidden = false;
        launcher.setAttribute("aria-expanded", "false");
        launcher.focus();
      },
      focusInput: function () { input.focus(); },
    };
  }

  ns.panel = { create: create };
})(window.EmsAchseChat);
