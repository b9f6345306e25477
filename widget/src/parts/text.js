/*
 * Message text to DOM nodes, safely: text is only ever set with textContent, and only
 * http(s) URLs become links. Bot and user text never reaches innerHTML.
 */
(function (ns) {
  "use strict";
  // A URL runs until whitespace or a character that cannot end it in running text.
  var URL_PATTERN = /https?:\/\/[^\s<>"'\u00a0]+/gi;
  var TRAILING = /[.,;:!?)\]}»"'’”]+$/;

  /** Parse `raw` as an absolute http(s) URL; null for anything else (javascript:, data:, …). */
  function safeUrl(raw) {
    try {
      var url = new URL(raw);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  /** Split `text` into [{text}] and [{text, href}] pieces. */
  function pieces(text) {
    var out = [];
    var last = 0;
    String(text).replace(URL_PATTERN, function (match, offset) {
      var trail = (match.match(TRAILING) || [""])[0];
      // Keep a closing bracket that belongs to the URL, e.g. …/Wiki_(Begriff).
      if (trail.charAt(0) === ")" && match.indexOf("(") !== -1) trail = trail.slice(1);
      var candidate = match.slice(0, match.length - trail.length);
      var href = safeUrl(candidate);
      if (!href) return match;
      if (offset > last) out.push({ text: text.slice(last, offset) });
      out.push({ text: candidate, href: href });
      last = offset + candidate.length;
      return match;
    });
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  }

  /** Append `text` to `parent` as text nodes and safe links. */
  function appendText(parent, text, newWindowHint) {
    pieces(text).forEach(function (piece) {
      if (!piece.href) {
        parent.appendChild(document.createTextNode(piece.text));
        return;
      }
      var a = document.createElement("a");
      a.href = piece.href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = piece.text;
      if (newWindowHint) {
        var hint = document.createElement("span");
        hint.className = "ems-sr-only";
        hint.textContent = " " + newWindowHint;
        a.appendChild(hint);
      }
      parent.appendChild(a);
    });
  }

  ns.text = { pieces: pieces, appendText: appendText, safeUrl: safeUrl };
})(window.EmsAchseChat);
